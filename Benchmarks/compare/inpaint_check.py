"""J8: Retouch's local fill (`retouch edit --provider local`) against OpenCV's inpainting
(cv2.inpaint, Telea and Navier-Stokes, radius 3) and a flat mean-colour fill.

For each photo (long edge 768): thin strokes (random 5-px polylines) and 40-px holes
(discs of diameter 40). Quality is PSNR inside the hole against the undamaged photo;
time is in-process for all (Retouch: the provider's own time from --json `seconds`, which
covers decoding, the fill and encoding; OpenCV: the cv2.inpaint call alone), as a ratio
in the same run. Usage (with the bench venv's python; RETOUCH = release binary):

    inpaint_check.py [PHOTO_DIR]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RETOUCH = os.environ.get("RETOUCH", os.path.join(HERE, "..", "..", ".build", "release", "retouch"))
PHOTOS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "conformance", "photos")


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255 * 255 / mse)


def masks(shape, seed):
    rng = np.random.default_rng(seed)
    h, w = shape
    strokes = np.zeros((h, w), np.uint8)
    for _ in range(6):
        points = np.stack([rng.integers(20, w - 20, 4), rng.integers(20, h - 20, 4)], axis=1).astype(np.int32)
        cv2.polylines(strokes, [points], False, 255, thickness=5)
    holes = np.zeros((h, w), np.uint8)
    for _ in range(8):
        cv2.circle(holes, (int(rng.integers(40, w - 40)), int(rng.integers(40, h - 40))), 20, 255, -1)
    return {"strokes": strokes, "holes40": holes}


def flat_fill(image, mask):
    out = image.copy()
    count, labels = cv2.connectedComponents(mask)
    for label in range(1, count):
        region = (labels == label).astype(np.uint8)
        ring = cv2.dilate(region, np.ones((5, 5), np.uint8)) & (1 - region) & (mask == 0)
        out[region > 0] = image[ring > 0].mean(axis=0)
    return out


def main():
    rows = []
    names = sorted(f for f in os.listdir(PHOTOS) if f.lower().endswith((".jpg", ".png")))
    with tempfile.TemporaryDirectory() as work:
        for index, name in enumerate(names):
            photo = cv2.imread(os.path.join(PHOTOS, name), cv2.IMREAD_COLOR)
            scale = 768 / max(photo.shape[:2])
            photo = cv2.resize(photo, (round(photo.shape[1] * scale), round(photo.shape[0] * scale)), interpolation=cv2.INTER_AREA)
            source = os.path.join(work, "photo.png")
            cv2.imwrite(source, photo)
            for kind, mask in masks(photo.shape[:2], index).items():
                inside = mask > 0
                mask_path = os.path.join(work, "mask.png")
                cv2.imwrite(mask_path, mask)
                out = os.path.join(work, "out.png")
                result = subprocess.run([RETOUCH, "edit", source, "--mask", mask_path, "--mask-channel", "luma", "--prompt", "inpaint", "--no-workspace",
                                         "--provider", "local", "-o", out, "--json"], capture_output=True, text=True, check=True)
                ours_time = json.loads(result.stdout)["seconds"]
                ours = cv2.imread(out, cv2.IMREAD_COLOR)
                row = {"photo": name, "kind": kind, "retouch": psnr(ours[inside], photo[inside]), "retouch_s": ours_time}
                damaged = photo.copy()
                damaged[inside] = 0
                for label, flag in (("telea", cv2.INPAINT_TELEA), ("ns", cv2.INPAINT_NS)):
                    start = time.perf_counter()
                    filled = cv2.inpaint(damaged, mask, 3, flag)
                    row[label + "_s"] = time.perf_counter() - start
                    row[label] = psnr(filled[inside], photo[inside])
                row["flat"] = psnr(flat_fill(damaged, mask)[inside], photo[inside])
                rows.append(row)
    print("| photo | mask | Retouch dB | Telea dB | NS dB | flat dB | Retouch − best OpenCV | Retouch s ÷ Telea s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        best = max(r["telea"], r["ns"])
        print(f"| {r['photo'][:28]} | {r['kind']} | {r['retouch']:.2f} | {r['telea']:.2f} | {r['ns']:.2f} | {r['flat']:.2f} | {r['retouch'] - best:+.2f} | {r['retouch_s'] / r['telea_s']:.2f} |")
    for kind in ("strokes", "holes40"):
        sub = [r for r in rows if r["kind"] == kind]
        mean = lambda key: float(np.mean([r[key] for r in sub]))
        print(f"\n{kind}: Retouch {mean('retouch'):.2f} dB, Telea {mean('telea'):.2f}, NS {mean('ns'):.2f}, flat {mean('flat'):.2f}; "
              f"Retouch − best OpenCV (per photo, mean) {np.mean([r['retouch'] - max(r['telea'], r['ns']) for r in sub]):+.2f} dB; "
              f"Retouch − flat {mean('retouch') - mean('flat'):+.2f} dB; time Retouch ÷ Telea {mean('retouch_s') / mean('telea_s'):.2f}, ÷ NS {mean('retouch_s') / mean('ns_s'):.2f}")


if __name__ == "__main__":
    main()
