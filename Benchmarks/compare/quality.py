#!/usr/bin/env python3
"""Quality figure of one output against a reference image.

    quality.py REFERENCE OUTPUT   ->  prints "lossless", "PSNR 41.2 dB" or "MISMATCH …"

PSNR is over R, G, B, 8-bit, in dB. For greyscale masks it is over the grey channel,
preceded by the largest difference in levels ("max 2 lv, PSNR 51.3 dB"). When either image has alpha, colour is compared
premultiplied by alpha (what a viewer sees over black; colour under alpha 0 is
invisible and encoders may discard it) and alpha is compared as a fourth channel.
"""
import sys

import numpy as np
from PIL import Image


def load(path):
    image = Image.open(path)
    if image.mode in ("L", "I;16", "I") or (image.mode in ("RGB", "RGBA") and grey_only(image)):
        return np.asarray(image.convert("L")).astype(np.float64)[..., None]
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    return np.asarray(image.convert(mode)).astype(np.float64)


def grey_only(image):
    """Whether an RGB(A) image has R = G = B and no transparency (a mask saved as colour)."""
    a = np.asarray(image.convert("RGBA"))
    return bool(np.all(a[..., 0] == a[..., 1]) and np.all(a[..., 1] == a[..., 2]) and np.all(a[..., 3] == 255))


def main():
    reference, output = load(sys.argv[1]), load(sys.argv[2])
    if reference.shape[2] == 1 and output.shape[2] == 1:
        # Masks: the largest difference in levels tells whether a blur is within 2/255.
        if reference.shape != output.shape:
            print(f"MISMATCH size {output.shape[1]}x{output.shape[0]}")
            return
        difference = reference - output
        mse = float(np.mean(difference ** 2))
        worst = int(np.max(np.abs(difference)))
        print("lossless" if mse == 0 else f"max {worst} lv, PSNR {10 * np.log10(255 ** 2 / mse):.1f} dB")
        return
    if reference.shape[:2] != output.shape[:2]:
        print(f"MISMATCH size {output.shape[1]}x{output.shape[0]}")
        return
    if reference.shape[2] == 4 or output.shape[2] == 4:
        def premultiplied(image):
            if image.shape[2] == 3:
                return np.concatenate([image, np.full(image.shape[:2] + (1,), 255.0)], axis=2)
            alpha = image[..., 3:4] / 255.0
            return np.concatenate([image[..., :3] * alpha, image[..., 3:4]], axis=2)
        reference, output = premultiplied(reference), premultiplied(output)
    difference = reference - output
    mse = float(np.mean(difference ** 2))
    print("lossless" if mse == 0 else f"PSNR {10 * np.log10(255 ** 2 / mse):.1f} dB")


if __name__ == "__main__":
    main()
