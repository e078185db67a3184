#!/usr/bin/env python3
"""Cut-out quality on a generated ground-truth set, Retouch against ImageMagick's flood fill.

    cutout_eval.py [--keep DIR]      (run with the bench venv's python; RETOUCH = release binary)

The set is made here, deterministically: 18 scenes drawn at 4× (1024²) and box-downsampled
to 256², so the true alpha and colour of every pixel are known; each over 5 backdrops
(white, near-white, light grey, noisy white, gradient), saved as PNG and as JPEG q85
(180 images). Shadows count as part of the subject (semi-transparent black, what
`retouch cutout --shadow keep` returns). Metrics, mean over the images of a format:

    SAD     Σ|α̂ − α| / 1000
    MSE     mean (α̂ − α)² × 1000
    Halo    mean over the edge band (≤ 3 px from the true 50 % contour, plus every
            fractional-α pixel) of the mean over channels of |α̂F̂ − αF|, 8-bit levels
    BgLeft  % of truly transparent pixels with α̂ > 0.1
    FgLost  % of truly opaque pixels with α̂ < 0.9
    Out2px  % of pixels more than 2 px outside the true subject and shadow with α̂ ≥ 0.9

Baseline: ImageMagick 6, `-fuzz 10% -fill none -draw "color X,Y floodfill"` from the
four corners. Prints the table; exit 0.
"""
import io
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from scipy import ndimage

RETOUCH = os.environ.get("RETOUCH", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "retouch"))
IMAGEMAGICK = "/usr/bin/convert"
S = 4            # supersampling
N = 256          # final size
BIG = N * S


def layer():
    """An RGBA canvas at 4× (straight colour, hard alpha) and its draw context."""
    image = Image.new("RGBA", (BIG, BIG), (0, 0, 0, 0))
    return image, ImageDraw.Draw(image)


def font(size):
    return ImageFont.load_default(size=size)


def scene_shapes(d):
    d.ellipse([150, 200, 520, 570], fill=(215, 30, 40, 255))
    d.rectangle([560, 180, 880, 480], fill=(30, 70, 190, 255))
    d.polygon([(300, 900), (600, 620), (860, 930)], fill=(40, 150, 70, 255))


def scene_dark_text(d):
    d.text((80, 380), "RETOUCH", font=font(210), fill=(15, 15, 20, 255))


def scene_light_text(d):
    d.text((80, 380), "pale ink", font=font(220), fill=(196, 196, 200, 255))


def scene_hair(d):
    rng = np.random.default_rng(4)
    for _ in range(60):
        x, y = 300 + rng.uniform(-60, 60), 220
        points = []
        for t in range(40):
            x += rng.uniform(-6, 6) + 2 * math.sin(t / 6)
            y += 16
            points.append((x, y))
        d.line(points, fill=(70, 45, 30, 255), width=int(rng.integers(1, 4)))
    d.ellipse([200, 120, 420, 330], fill=(70, 45, 30, 255))


def scene_mug(d):
    d.ellipse([600, 330, 860, 690], fill=(120, 120, 120, 255))
    d.ellipse([650, 390, 800, 630], fill=(0, 0, 0, 0))
    d.rounded_rectangle([200, 220, 700, 860], radius=40, fill=(120, 120, 120, 255))
    d.rounded_rectangle([212, 232, 688, 848], radius=32, fill=(252, 252, 252, 255))


def scene_sneaker(d):
    d.rounded_rectangle([150, 420, 880, 700], radius=110, fill=(110, 110, 115, 255))
    d.rounded_rectangle([162, 432, 868, 688], radius=100, fill=(248, 248, 246, 255))
    d.rectangle([160, 640, 870, 700], fill=(235, 235, 235, 255))


def sneaker_shadow():
    s = Image.new("L", (BIG, BIG), 0)
    ImageDraw.Draw(s).ellipse([170, 660, 860, 760], fill=255)
    return np.asarray(s.filter(ImageFilter.GaussianBlur(24)), dtype=np.float64) / 255 * 0.45


def scene_ring(d):
    d.ellipse([220, 220, 800, 800], fill=(200, 150, 30, 255))
    d.ellipse([400, 400, 620, 620], fill=(0, 0, 0, 0))


def scene_mesh(d):
    for i in range(8):
        d.line([(150 + i * 100, 150), (150 + i * 100, 870)], fill=(60, 60, 70, 255), width=14)
        d.line([(150, 150 + i * 100), (870, 150 + i * 100)], fill=(60, 60, 70, 255), width=14)


def scene_pale(d):
    d.ellipse([220, 260, 800, 760], fill=(236, 226, 210, 255))


def scene_confetti(d):
    rng = np.random.default_rng(9)
    for _ in range(90):
        x, y, r = rng.uniform(120, 900), rng.uniform(120, 900), rng.uniform(8, 26)
        colour = tuple(int(c) for c in rng.integers(20, 235, 3)) + (255,)
        if rng.random() < 0.5:
            d.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        else:
            d.rectangle([x - r, y - r / 2, x + r, y + r / 2], fill=colour)


def scene_chain(d):
    for i in range(5):
        x = 140 + i * 150
        d.ellipse([x, 420, x + 200, 600], fill=(150, 150, 160, 255))
        d.ellipse([x + 30, 450, x + 170, 570], fill=(0, 0, 0, 0))


def scene_leaves(d):
    rng = np.random.default_rng(12)
    for i in range(7):
        cx, cy = rng.uniform(250, 780), rng.uniform(250, 780)
        leaf = Image.new("RGBA", (BIG, BIG), (0, 0, 0, 0))
        ld = ImageDraw.Draw(leaf)
        ld.ellipse([cx - 140, cy - 55, cx + 140, cy + 55], fill=(50 + 10 * i, 140, 50, 255))
        ld.line([(cx - 130, cy), (cx + 130, cy)], fill=(30, 90, 30, 255), width=6)
        leaf = leaf.rotate(rng.uniform(0, 180), center=(cx, cy), resample=Image.NEAREST)
        d._image.alpha_composite(leaf) if hasattr(d, "_image") else None
        d.bitmap((0, 0), leaf.split()[3], fill=None) if False else None
        yield leaf


def scene_long_shadow(d):
    d.rectangle([380, 200, 560, 700], fill=(180, 60, 40, 255))


def long_shadow():
    s = Image.new("L", (BIG, BIG), 0)
    ImageDraw.Draw(s).polygon([(380, 700), (560, 700), (900, 860), (700, 880)], fill=255)
    return np.asarray(s.filter(ImageFilter.GaussianBlur(30)), dtype=np.float64) / 255 * 0.4


def scene_glass(d):
    d.ellipse([260, 220, 760, 820], fill=(120, 170, 220, 105))
    d.ellipse([260, 220, 760, 820], outline=(70, 110, 160, 255), width=18)


def scene_bottle(d):
    d.rounded_rectangle([400, 120, 620, 220], radius=12, fill=(30, 60, 30, 255))
    d.rounded_rectangle([330, 220, 690, 900], radius=60, fill=(30, 80, 35, 255))
    d.rectangle([330, 480, 690, 660], fill=(235, 225, 200, 255))


def scene_soft_ellipse(d):
    d.rounded_rectangle([350, 240, 670, 750], radius=36, fill=(40, 70, 160, 255))


def soft_ellipse_shadow():
    """A soft elliptical contact shadow (issue 17: its faint outer fringe stayed opaque)."""
    s = Image.new("L", (BIG, BIG), 0)
    ImageDraw.Draw(s).ellipse([190, 660, 830, 840], fill=255)
    return np.asarray(s.filter(ImageFilter.GaussianBlur(44)), dtype=np.float64) / 255 * 0.45


def scene_white_outlined(d):
    """A near-white product (body 235-241) with a grey outline and small grey eyelets."""
    d.rounded_rectangle([170, 330, 860, 690], radius=90, fill=(150, 150, 155, 255))
    d.rounded_rectangle([178, 338, 852, 682], radius=84, fill=(241, 240, 238, 255))
    d.rectangle([182, 600, 848, 678], fill=(235, 235, 233, 255))
    for i in range(6):
        d.ellipse([330 + i * 70, 400, 352 + i * 70, 422], fill=(120, 120, 125, 255))


def scene_textured_highlight(d):
    """A textured product with specular highlights (8 px at 256²) inside its texture."""
    rng = np.random.default_rng(7)
    d.ellipse([220, 220, 800, 800], fill=(150, 95, 60, 255))
    for _ in range(900):
        x, y = rng.integers(260, 760, 2)
        if (x - 510) ** 2 + (y - 510) ** 2 < 260 ** 2:
            shade = int(rng.integers(100, 190))
            d.ellipse([x, y, x + 10, y + 10], fill=(shade, int(shade * 0.62), int(shade * 0.4), 255))
    for x, y in ((400, 380), (600, 470), (470, 620)):
        d.ellipse([x, y, x + 32, y + 32], fill=(255, 255, 255, 255))


SCENES = [("shapes", scene_shapes, None), ("dark text", scene_dark_text, None), ("light text", scene_light_text, None),
          ("hair", scene_hair, None), ("white mug", scene_mug, None), ("sneaker + shadow", scene_sneaker, sneaker_shadow),
          ("ring", scene_ring, None), ("mesh", scene_mesh, None), ("pale object", scene_pale, None),
          ("confetti", scene_confetti, None), ("chain", scene_chain, None), ("leaves", scene_leaves, None),
          ("long shadow", scene_long_shadow, long_shadow), ("glass", scene_glass, None), ("bottle", scene_bottle, None),
          ("soft ellipse shadow", scene_soft_ellipse, soft_ellipse_shadow), ("white + outline", scene_white_outlined, None),
          ("texture + highlight", scene_textured_highlight, None)]


def render(draw_scene, shadow):
    """(premultiplied colour at 4×, alpha at 4×) of the subject, shadow included."""
    image, d = layer()
    extra = draw_scene(d)
    if extra is not None:
        for piece in extra:
            image.alpha_composite(piece)
    rgba = np.asarray(image, dtype=np.float64) / 255
    alpha = rgba[..., 3]
    colour = rgba[..., :3] * alpha[..., None]
    if shadow is not None:
        s = shadow()
        # Shadow (black at alpha s) under the subject.
        alpha = alpha + (1 - alpha) * s
    return colour, alpha


def down(a):
    """Box downsample by S."""
    shape = (N, S, N, S) + a.shape[2:]
    return a.reshape(shape).mean(axis=(1, 3))


def backdrop(kind, rng):
    y, x = np.mgrid[0:N, 0:N] / (N - 1)
    if kind == "white":
        b = np.full((N, N, 3), 1.0)
    elif kind == "near-white":
        b = np.ones((N, N, 3)) * np.array([248, 246, 242]) / 255
    elif kind == "light grey":
        b = np.full((N, N, 3), 225 / 255)
    elif kind == "noisy":
        b = np.clip(1.0 - np.abs(rng.normal(0, 3 / 255, (N, N, 3))), 0, 1)
    else:   # gradient with a vignette
        v = 1 - 0.06 * ((x - 0.5) ** 2 + (y - 0.5) ** 2) * 2
        b = (np.stack([0.93 + 0.05 * x, 0.94 + 0.04 * y, 0.97 + 0.0 * x], axis=2) * v[..., None]).clip(0, 1)
    return b


def metrics(alpha_hat, colour_hat, alpha, premultiplied):
    """SAD, MSE, Halo, BgLeft, FgLost, Out2px for one image (α in 0…1, colour 0…1)."""
    sad = np.abs(alpha_hat - alpha).sum() / 1000
    mse = np.mean((alpha_hat - alpha) ** 2) * 1000
    inside = alpha >= 0.5
    contour = inside ^ ndimage.binary_erosion(inside) | (~inside & ndimage.binary_dilation(inside))
    band = ndimage.binary_dilation(contour, iterations=3) | ((alpha > 0) & (alpha < 1))
    seen = colour_hat * alpha_hat[..., None]
    halo = np.abs(seen - premultiplied)[band].mean() * 255 if band.any() else 0.0
    transparent = alpha <= 0.0
    opaque = alpha >= 1.0 - 1e-9
    bg_left = 100 * np.mean(alpha_hat[transparent] > 0.1) if transparent.any() else 0.0
    fg_lost = 100 * np.mean(alpha_hat[opaque] < 0.9) if opaque.any() else 0.0
    # Opaque pixels (α̂ ≥ 0.9) more than 2 px outside the true subject and shadow.
    far = ~ndimage.binary_dilation(alpha > 0.02, iterations=2)
    out2px = 100 * np.mean(alpha_hat[far] >= 0.9) if far.any() else 0.0
    return np.array([sad, mse, halo, bg_left, fg_lost, out2px])


def read_rgba(path):
    a = np.asarray(Image.open(path).convert("RGBA"), dtype=np.float64) / 255
    return a[..., 3], a[..., :3]


def main():
    keep = None
    if "--keep" in sys.argv:
        keep = sys.argv[sys.argv.index("--keep") + 1]
        os.makedirs(keep, exist_ok=True)
    rng = np.random.default_rng(2026)
    results = {("Retouch", "png"): [], ("Retouch", "jpeg"): [], ("ImageMagick", "png"): [], ("ImageMagick", "jpeg"): []}
    per_scene = {}
    with tempfile.TemporaryDirectory() as work:
        folder = keep or work
        for name, draw_scene, shadow in SCENES:
            colour4, alpha4 = render(draw_scene, shadow)
            premultiplied, alpha = down(colour4), down(alpha4)
            for kind in ("white", "near-white", "light grey", "noisy", "gradient"):
                b = backdrop(kind, rng)
                composite = premultiplied + (1 - alpha[..., None]) * b
                pixels = Image.fromarray(np.clip(np.rint(composite * 255), 0, 255).astype(np.uint8), "RGB")
                for fmt in ("png", "jpeg"):
                    base = os.path.join(folder, f"{name.replace(' ', '_')}-{kind.replace(' ', '_')}")
                    source = f"{base}.{'png' if fmt == 'png' else 'jpg'}"
                    if fmt == "png":
                        pixels.save(source)
                    else:
                        pixels.save(source, quality=85)
                    ours = f"{base}-{fmt}-retouch.png"
                    subprocess.run([RETOUCH, "cutout", source, "-o", ours], check=True, capture_output=True)
                    theirs = f"{base}-{fmt}-im.png"
                    corners = []
                    for x, y in ((0, 0), (N - 1, 0), (0, N - 1), (N - 1, N - 1)):
                        corners += ["-draw", f"color {x},{y} floodfill"]
                    subprocess.run([IMAGEMAGICK, source, "-alpha", "set", "-fuzz", "10%", "-fill", "none"] + corners + [theirs],
                                   check=True, capture_output=True)
                    for tool, path in (("Retouch", ours), ("ImageMagick", theirs)):
                        a_hat, c_hat = read_rgba(path)
                        m = metrics(a_hat, c_hat, alpha, premultiplied)
                        results[(tool, fmt)].append(m)
                        per_scene.setdefault((name, tool, fmt), []).append(m)
    print("| tool | input | SAD | MSE | Halo | BgLeft % | FgLost % | Out2px % |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for (tool, fmt), rows in results.items():
        m = np.mean(rows, axis=0)
        print(f"| {tool} | {fmt.upper()} | {m[0]:.2f} | {m[1]:.2f} | {m[2]:.1f} | {m[3]:.3f} | {m[4]:.2f} | {m[5]:.3f} |")
    print("\nPer scene (Retouch, PNG | JPEG): SAD, Halo, BgLeft %, FgLost %, Out2px %")
    for name, _, _ in SCENES:
        cells = []
        for fmt in ("png", "jpeg"):
            m = np.mean(per_scene[(name, "Retouch", fmt)], axis=0)
            cells.append(f"{m[0]:.2f} {m[2]:.1f} {m[3]:.2f} {m[4]:.2f} {m[5]:.3f}")
        print(f"  {name:20} {cells[0]:32} | {cells[1]}")


if __name__ == "__main__":
    main()
