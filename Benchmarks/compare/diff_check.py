#!/usr/bin/env python3
"""`retouch diff` against scikit-image: for each photo, six edited versions (JPEG q30,
Gaussian blur σ 2, brightness +20, a recoloured rectangle, a 1-px shift, noise σ 10),
saved as PNG; `retouch diff --json` is compared with skimage's
structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
data_range=255, channel_axis=-1) and peak_signal_noise_ratio(data_range=255), and the
ΔE00 mean with skimage.color.deltaE_ciede2000 on rgb2lab.

    diff_check.py PHOTO... [--tolerance 1e-4]     (run with the bench venv's python)
Environment: RETOUCH (release binary). Exit 1 when any value differs by more than the
tolerance (ΔE00 mean: 1e-3).
"""
import io
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageFilter, ImageOps
from skimage.color import deltaE_ciede2000, rgb2lab
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

RETOUCH = os.environ.get("RETOUCH", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "retouch"))


def variants(image):
    a = np.asarray(image)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=30)
    yield "jpeg q30", np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))
    yield "blur σ2", np.asarray(image.filter(ImageFilter.GaussianBlur(2)))
    yield "bright +20", np.clip(a.astype(np.int16) + 20, 0, 255).astype(np.uint8)
    recoloured = a.copy()
    h, w = a.shape[:2]
    region = recoloured[h // 4: h // 2, w // 3: 2 * w // 3]
    recoloured[h // 4: h // 2, w // 3: 2 * w // 3] = region[..., [2, 0, 1]]
    yield "recoloured rect", recoloured
    shifted = np.empty_like(a)
    shifted[:, 1:] = a[:, :-1]
    shifted[:, 0] = a[:, 0]
    yield "1-px shift", shifted
    rng = np.random.default_rng(7)
    yield "noise σ10", np.clip(a + rng.normal(0, 10, a.shape), 0, 255).astype(np.uint8)


def main():
    args = sys.argv[1:]
    tolerance = 1e-4
    if "--tolerance" in args:
        i = args.index("--tolerance")
        tolerance = float(args[i + 1])
        del args[i:i + 2]
    worst = {"ssim": 0.0, "psnr": 0.0, "dE mean": 0.0}
    failures = 0
    print(f"{'photo':44} {'edit':16} {'ssim retouch':>13} {'ssim skimage':>13} {'Δssim':>9} {'Δpsnr':>9} {'ΔdE mean':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for path in args:
            image = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
            # Keep the check quick: photos above 2 MP are halved first (both sides see the same pixels).
            while image.width * image.height > 2_000_000:
                image = image.resize((image.width // 2, image.height // 2), Image.LANCZOS)
            a = np.asarray(image)
            pa = os.path.join(folder, "a.png")
            Image.fromarray(a).save(pa)
            for name, b in variants(image):
                pb = os.path.join(folder, "b.png")
                Image.fromarray(b).save(pb)
                out = subprocess.run([RETOUCH, "diff", pa, pb, "--json"], capture_output=True, text=True)
                if out.returncode != 0:
                    print(f"retouch diff failed: {out.stderr.strip()}")
                    failures += 1
                    continue
                report = json.loads(out.stdout)
                ssim = structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                             data_range=255, channel_axis=-1)
                psnr = peak_signal_noise_ratio(a, b, data_range=255)
                de = float(np.mean(deltaE_ciede2000(rgb2lab(a), rgb2lab(b))))
                d_ssim = abs(report["ssim"] - ssim)
                d_psnr = abs((report["psnr"] or float("inf")) - psnr) if np.isfinite(psnr) else 0.0
                d_de = abs(report["deltaE2000"]["mean"] - de)
                worst["ssim"] = max(worst["ssim"], d_ssim)
                worst["psnr"] = max(worst["psnr"], d_psnr)
                worst["dE mean"] = max(worst["dE mean"], d_de)
                bad = d_ssim > tolerance or d_psnr > tolerance or d_de > 1e-3
                failures += bad
                print(f"{os.path.basename(path)[:44]:44} {name:16} {report['ssim']:13.6f} {ssim:13.6f} {d_ssim:9.1e} {d_psnr:9.1e} {d_de:9.1e}{'  FAIL' if bad else ''}")
    print(f"\nlargest differences: SSIM {worst['ssim']:.1e}, PSNR {worst['psnr']:.1e} dB, ΔE00 mean {worst['dE mean']:.1e}; "
          f"{failures} failures (tolerance {tolerance:g}; ΔE00 mean 1e-3)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
