#!/usr/bin/env python3
"""Writes the ICC profiles the colour tests use, through the system's LittleCMS (ctypes),
from published constants only:

- Fixtures/icc/display-p3.icc: Display P3 (SMPTE EG 432-1 primaries R 0.680,0.320
  G 0.265,0.690 B 0.150,0.060, D65 white 0.3127,0.3290, the sRGB transfer curve:
  IEC 61966-2-1 parametric type 4, γ 2.4, a 1/1.055, b 0.055/1.055, c 1/12.92, d 0.04045).
- Fixtures/icc/gray-gamma-2.2.icc: grey, D50 white, γ 2.2.

Run once; the outputs are committed. Usage: scripts/make-icc-fixtures.py
"""
import ctypes
import os

lcms = ctypes.CDLL("liblcms2.so.2")


class xyY(ctypes.Structure):
    _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double), ("Y", ctypes.c_double)]


class Triple(ctypes.Structure):
    _fields_ = [("Red", xyY), ("Green", xyY), ("Blue", xyY)]


lcms.cmsBuildParametricToneCurve.restype = ctypes.c_void_p
lcms.cmsBuildParametricToneCurve.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)]
lcms.cmsBuildGamma.restype = ctypes.c_void_p
lcms.cmsBuildGamma.argtypes = [ctypes.c_void_p, ctypes.c_double]
lcms.cmsCreateRGBProfile.restype = ctypes.c_void_p
lcms.cmsCreateRGBProfile.argtypes = [ctypes.POINTER(xyY), ctypes.POINTER(Triple), ctypes.c_void_p * 3]
lcms.cmsCreateGrayProfile.restype = ctypes.c_void_p
lcms.cmsCreateGrayProfile.argtypes = [ctypes.POINTER(xyY), ctypes.c_void_p]
lcms.cmsSaveProfileToFile.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
lcms.cmsMLUalloc.restype = ctypes.c_void_p
lcms.cmsMLUalloc.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
lcms.cmsMLUsetASCII.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
lcms.cmsWriteTag.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p]
DESC = 0x64657363  # 'desc'


def describe(profile, text):
    mlu = lcms.cmsMLUalloc(None, 1)
    lcms.cmsMLUsetASCII(mlu, b"en", b"US", text.encode())
    lcms.cmsWriteTag(profile, DESC, mlu)


out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "icc")
os.makedirs(out, exist_ok=True)
params = (ctypes.c_double * 5)(2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045)
curve = lcms.cmsBuildParametricToneCurve(None, 4, params)
white = xyY(0.3127, 0.3290, 1.0)
primaries = Triple(xyY(0.680, 0.320, 1.0), xyY(0.265, 0.690, 1.0), xyY(0.150, 0.060, 1.0))
p3 = lcms.cmsCreateRGBProfile(ctypes.byref(white), ctypes.byref(primaries), (ctypes.c_void_p * 3)(curve, curve, curve))
describe(p3, "Display P3 (LittleCMS, Retouch test fixture)")
lcms.cmsSaveProfileToFile(p3, os.path.join(out, "display-p3.icc").encode())
gray = lcms.cmsCreateGrayProfile(ctypes.byref(xyY(0.3457, 0.3585, 1.0)), lcms.cmsBuildGamma(None, 2.2))
describe(gray, "Gray gamma 2.2 (LittleCMS, Retouch test fixture)")
lcms.cmsSaveProfileToFile(gray, os.path.join(out, "gray-gamma-2.2.icc").encode())
print("wrote", os.path.join(out, "display-p3.icc"), "and gray-gamma-2.2.icc")
