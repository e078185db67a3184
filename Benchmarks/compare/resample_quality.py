#!/usr/bin/env python3
"""Lanczos3 quality against Pillow: shrink each photo by 2x, 3.7x and 8x with
`retouch resize --width W` (full decode, no shrink-on-load) and with Pillow's
Image.resize((W, H), Image.LANCZOS) from the same pixels, and print the PSNR.

    resample_quality.py PHOTO... [--min-psnr 40]     (run with the bench venv's python)
Environment: RETOUCH (release binary).  Exit 1 when any PSNR is below the minimum.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageOps

RETOUCH = os.environ.get("RETOUCH", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "retouch"))


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255 ** 2 / mse)


def main():
    args = sys.argv[1:]
    minimum = 40.0
    if "--min-psnr" in args:
        i = args.index("--min-psnr")
        minimum = float(args[i + 1])
        del args[i:i + 2]
    worst = float("inf")
    print(f"{'photo':48s} {'factor':>6s} {'size':>11s} {'PSNR dB':>8s}")
    with tempfile.TemporaryDirectory() as tmp:
        for photo in args:
            source = ImageOps.exif_transpose(Image.open(photo)).convert("RGB")
            for factor in (2.0, 3.7, 8.0):
                # Half rounds up, as retouch does (Python's round() goes to even).
                width = int(source.width / factor + 0.5)
                height = max(1, int(width * source.height / source.width + 0.5))
                ours = os.path.join(tmp, "ours.png")
                subprocess.run([RETOUCH, "resize", photo, "-o", ours, "--width", str(width), "--no-shrink-on-load"],
                               check=True, stdout=subprocess.DEVNULL)
                a = np.asarray(Image.open(ours).convert("RGB"))
                if a.shape[:2] != (height, width):
                    sys.exit(f"{photo}: retouch gave {a.shape[1]}x{a.shape[0]}, expected {width}x{height}")
                b = np.asarray(source.resize((width, height), Image.LANCZOS))
                value = psnr(a, b)
                worst = min(worst, value)
                print(f"{os.path.basename(photo):48s} {factor:6.1f} {f'{width}x{height}':>11s} {value:8.2f}")
    print(f"worst PSNR {worst:.2f} dB (minimum {minimum} dB)")
    sys.exit(0 if worst >= minimum else 1)


if __name__ == "__main__":
    main()
