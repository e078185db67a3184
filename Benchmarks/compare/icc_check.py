"""Colour management against Pillow's ImageCms (LittleCMS, perceptual intent, no
black-point compensation: what `retouch` uses).

For every ICC-tagged image, `retouch convert IMAGE -o out.png` (which converts to sRGB
on decode) is compared with Pillow's `ImageCms.profileToProfile(image, embedded, sRGB)`:
mean and p99 ΔE00 (scikit-image) over all pixels, and for contrast the same against
the file's raw numbers (what Retouch did before: the profile dropped).

The images: the ICC-tagged files of ../shared/conformance, and conformance photos
converted by Pillow into other profiles from Debian's colord-data, icc-profiles-free
and ghostscript (Adobe RGB, ProPhoto, Wide Gamut, grey gamma 2.2, CMYK): PNG, JPEG q95
and WebP lossless. Usage (bench venv python; RETOUCH):

    icc_check.py [OUT_DIR]
"""
import glob
import io
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageCms
from skimage.color import deltaE_ciede2000, rgb2lab

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
CONFORMANCE = os.path.join(ROOT, "..", "shared", "conformance")
RETOUCH = os.environ.get("RETOUCH", os.path.join(ROOT, ".build", "release", "retouch"))
PROFILES = {
    "AdobeRGB1998 (colord)": "/usr/share/color/icc/colord/AdobeRGB1998.icc",
    "ProPhotoRGB (colord)": "/usr/share/color/icc/colord/ProPhotoRGB.icc",
    "WideGamutRGB (colord)": "/usr/share/color/icc/colord/WideGamutRGB.icc",
    "a98 (ghostscript)": "/usr/share/color/icc/ghostscript/a98.icc",
    "Gray gamma 2.2 (icc-profiles-free)": "/usr/share/color/icc/Gray.icc",
    "default_cmyk (ghostscript)": "/usr/share/color/icc/ghostscript/default_cmyk.icc",
}
SRGB = ImageCms.createProfile("sRGB")


def system_littlecms(path):
    """The same conversion through the system's LittleCMS (the one Retouch links; Pillow
    bundles its own, newer one), applied to Pillow's decoded numbers; None when unusable."""
    import ctypes
    try:
        lib = ctypes.CDLL("liblcms2.so.2")
    except OSError:
        return None
    lib.cmsOpenProfileFromMem.restype = ctypes.c_void_p
    lib.cmsOpenProfileFromMem.argtypes = [ctypes.c_char_p, ctypes.c_uint32]
    lib.cmsCreate_sRGBProfile.restype = ctypes.c_void_p
    lib.cmsCreateTransform.restype = ctypes.c_void_p
    lib.cmsCreateTransform.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32]
    lib.cmsDoTransform.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint32]
    image = Image.open(path)
    icc = image.info["icc_profile"]
    formats = {"RGB": (4 << 16) | (3 << 3) | 1, "L": (3 << 16) | (1 << 3) | 1, "CMYK": (6 << 16) | (4 << 3) | 1}
    if image.mode not in formats:
        return None
    pixels = np.ascontiguousarray(np.asarray(image))
    profile = lib.cmsOpenProfileFromMem(icc, len(icc))
    transform = lib.cmsCreateTransform(profile, formats[image.mode], lib.cmsCreate_sRGBProfile(), formats["RGB"], 0, 0) if profile else None
    if not transform:
        return None
    out = np.zeros(pixels.shape[:2] + (3,), np.uint8)
    lib.cmsDoTransform(transform, pixels.ctypes.data, out.ctypes.data, pixels.shape[0] * pixels.shape[1])
    return out


def reference(path):
    image = Image.open(path)
    icc = image.info.get("icc_profile")
    raw = np.asarray(image.convert("RGB"))
    if image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    try:
        converted = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB,
                                              renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="RGB")
    except ImageCms.PyCMSError:
        return None, raw   # LittleCMS cannot use the profile: the numbers are kept
    return np.asarray(converted), raw


def delta(a, b):
    d = deltaE_ciede2000(rgb2lab(a / 255.0), rgb2lab(b / 255.0))
    return float(d.mean()), float(np.percentile(d, 99))


def make_inputs(work):
    made = []
    photos = ["portrait_astronaut_skimage.png", "product_coffee_skimage.png", "pets_friends_by_Aitzol_Berasategi.jpg"]
    for name in photos:
        source = Image.open(os.path.join(CONFORMANCE, "photos", name)).convert("RGB")
        source.thumbnail((640, 640))
        stem = os.path.splitext(name)[0]
        for label, path in PROFILES.items():
            if not os.path.exists(path):
                print(f"skipped {label}: {path} missing (apt-get install colord-data icc-profiles-free ghostscript)", file=sys.stderr)
                continue
            profile = ImageCms.ImageCmsProfile(path)
            icc = open(path, "rb").read()
            mode = {"GRAY": "L", "CMYK": "CMYK"}.get(profile.profile.xcolor_space.strip(), "RGB")
            tagged = ImageCms.profileToProfile(source, SRGB, profile, renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode=mode)
            tag = label.split(" ")[0]
            if mode == "CMYK":
                out = os.path.join(work, f"{stem}-{tag}.jpg")
                tagged.save(out, quality=95, icc_profile=icc)
                made.append((out, label))
                continue
            for extension, options in ((".png", {}), (".jpg", {"quality": 95}), (".webp", {"lossless": True})):
                if mode == "L" and extension == ".webp":
                    continue
                out = os.path.join(work, f"{stem}-{tag}{extension}")
                tagged.save(out, icc_profile=icc, **options)
                made.append((out, label))
    return made


def main():
    work = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="icc-check-")
    os.makedirs(work, exist_ok=True)
    inputs = []
    for path in sorted(glob.glob(os.path.join(CONFORMANCE, "**", "*.*"), recursive=True)):
        if not path.lower().endswith((".png", ".jpg", ".jpeg", ".webp")):
            continue
        try:
            image = Image.open(path)
            if image.info.get("icc_profile") and image.mode in ("RGB", "L", "CMYK", "RGBA", "P"):
                description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))).strip()
                inputs.append((path, description))
        except Exception:
            continue
    inputs += make_inputs(work)
    print("| image | profile | mean ΔE00 Retouch vs Pillow | p99 | mean ΔE00 raw numbers vs Pillow | max level diff vs system LittleCMS |")
    print("|---|---|---:|---:|---:|---:|")
    worst = 0.0
    for path, label in inputs:
        expected, raw = reference(path)
        unusable = expected is None
        if unusable:
            expected = raw
            label += " (unusable: numbers kept)"
        out = os.path.join(work, "out.png")
        subprocess.run([RETOUCH, "convert", path, "--no-orient", "--lenient", "-o", out], check=True, capture_output=True)
        ours = np.asarray(Image.open(out).convert("RGB"))
        if ours.shape != expected.shape:
            print(f"| {os.path.relpath(path, work) if path.startswith(work) else os.path.basename(path)} | {label} | size differs | | |")
            continue
        mean, p99 = delta(ours, expected)
        raw_mean, _ = delta(raw, expected)
        worst = max(worst, mean)
        system = None if unusable else system_littlecms(path)
        system_text = "n/a" if system is None or system.shape != ours.shape else str(int(np.abs(system.astype(int) - ours).max()))
        print(f"| {os.path.basename(path)} | {label} | {mean:.3f} | {p99:.2f} | {raw_mean:.2f} | {system_text} |")
    print(f"\nworst mean ΔE00: {worst:.3f} (goal ≤ 0.3)")


if __name__ == "__main__":
    main()
