#!/usr/bin/env python3
"""Whole-process comparison of Retouch against libvips, Pillow, OpenCV and ImageMagick.

    compare.py [--runs N] [--only J6png,D1]     (run by run.sh, which installs everything)

For each job, every (tool, thread setting) row gets one warm-up run, then N counted runs
in alternation (A B C … A B C …), so load on a shared machine hits every tool alike. Peak
RSS comes from one extra run under GNU time. The quality figure compares each output with
the job's reference (lossless check or PSNR). The ratio is Retouch's median over the best
anchor's median at the same thread setting, measured in this same run.

Environment: WORK (inputs and outputs), RETOUCH (release binary), PY (venv python),
RETOUCH_BASELINE (optional: an earlier binary run beside every Retouch row).
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ.get("WORK", "/tmp/retouch-bench")
OUT = os.path.join(WORK, "out")
RETOUCH = os.environ.get("RETOUCH", os.path.join(HERE, "..", "..", ".build", "release", "retouch"))
# An earlier release binary: every Retouch row is also run with it (a refactoring's check).
BASELINE = os.environ.get("RETOUCH_BASELINE")
PY = os.environ.get("PY", sys.executable)
ANCHORS = os.path.join(HERE, "anchors.py")
QUALITY = os.path.join(HERE, "quality.py")
IMAGEMAGICK = "/usr/bin/convert"   # the real ImageMagick 6, not a stand-in earlier on PATH

ONE = {"VIPS_CONCURRENCY": "1", "OMP_NUM_THREADS": "1", "MAGICK_THREAD_LIMIT": "1", "OPENBLAS_NUM_THREADS": "1"}
THREAD_VARS = list(ONE)

J1 = f"{WORK}/j1_photo_13mp.jpg"
J1P = f"{WORK}/j1_photo_13mp_progressive.jpg"
K4P = f"{WORK}/j3_4k.png"
RGBA = f"{WORK}/j6_rgba_stored.png"

TITLES = {
    "J1": "J1: 13.4 MP baseline JPEG → Lanczos3 to 1024×768 → PNG",
    "J3": "J3: 4K JPEG → centre 4:5 crop → 1080×1350 Lanczos3 → JPEG q85",
    "J3p": "J3p: the same from a 4K PNG",
    "J6png": "J6png: 3840×2160 RGBA (stored-deflate PNG in) → PNG at each tool's default settings",
    "J6webp": "J6webp: the same RGBA → WebP lossy q80",
    "J4": "J4: compare a 2048×2048 pair (PNG and JPEG): Retouch's full diff (SSIM, ΔE00, counts, pixelmatch, alignment) against SSIM or count alone",
    "J4d": "J4d: the same pair → a difference picture, PNG",
    "J5": "J5: Gaussian blur σ 10 of a 3840×2160 8-bit mask (PNG in, PNG level 1 out)",
    "J5s": "J5s: 50 shapes rasterised on a 3840×2160 mask, feathered r = 40 (σ 20), PNG out",
    "J7": "J7: 2048×2048 product-on-white JPEG → background to transparency → PNG RGBA",
    "D1": "D1: decode floor, 13.4 MP baseline JPEG (decode only)",
    "D1p": "D1p: decode floor, the same photo as progressive JPEG",
    "D2": "D2: decode floor, 4K RGB PNG (Paeth-filtered, level 6)",
}

NOT_YET = {
}


def rows():
    """(job, tool, threads, argv, output or None, reference for quality or None).
    threads: '1' forced single thread, 'def' library default, '1*' single-threaded anyway."""
    R = []

    def both(job, tool, argv, output=None, reference=None, cv=False):
        R.append((job, tool, "1", argv + (["--threads", "1"] if cv else []), output, reference))
        R.append((job, tool, "def", argv, output, reference))

    def single(job, tool, argv, output=None, reference=None):
        R.append((job, tool, "1*", argv, output, reference))
        if BASELINE and argv[0] == RETOUCH:
            # The same Retouch row with an earlier binary, for before/after in one run.
            rename = lambda a: a.replace("_retouch", "_baseline") if isinstance(a, str) and a.startswith(OUT) else a
            R.append((job, tool + " [baseline binary]", "1*", [BASELINE] + [rename(a) for a in argv[1:]],
                      rename(output) if output else None, reference))

    o = lambda name: os.path.join(OUT, name)
    K4J = f"{WORK}/j3_4k.jpg"
    # J1: Pillow's output is the quality reference
    ref1 = o("j1_pillow.png")
    single("J1", "Pillow LANCZOS (reference)", [PY, ANCHORS, "pillow", "j1", J1, ref1], ref1, ref1)
    single("J1", "Retouch prepare --long-edge 1024", [RETOUCH, "prepare", J1, "-o", o("j1_retouch.png"), "--long-edge", "1024"], o("j1_retouch.png"), ref1)
    both("J1", "vipsthumbnail 8.14 (shrink-on-load)", ["vipsthumbnail", J1, "--size", "1024", "-o", o("j1_vt.png")], o("j1_vt.png"), ref1)
    both("J1", "pyvips + libvips wheel thumbnail", [PY, ANCHORS, "vips", "j1", J1, o("j1_pyvips.png")], o("j1_pyvips.png"), ref1)
    both("J1", "OpenCV INTER_AREA", [PY, ANCHORS, "cv2", "j1", J1, o("j1_cv2.png")], o("j1_cv2.png"), ref1, cv=True)
    both("J1", "ImageMagick -filter Lanczos -resize", [IMAGEMAGICK, J1, "-filter", "Lanczos", "-resize", "1024x1024", o("j1_im.png")], o("j1_im.png"), ref1)
    # J3 (JPEG in) and J3p (PNG in)
    for job, source in (("J3", K4J), ("J3p", K4P)):
        ref = o(f"{job}_pillow.jpg")
        single(job, "Pillow crop + LANCZOS (reference)", [PY, ANCHORS, "pillow", "j3", source, ref], ref, ref)
        single(job, "Retouch prepare --aspect 4:5 --size 1080x1350", [RETOUCH, "prepare", source, "-o", o(f"{job}_retouch.jpg"), "--aspect", "4:5", "--size", "1080x1350", "--quality", "85"], o(f"{job}_retouch.jpg"), ref)
        both(job, "pyvips + libvips wheel thumbnail crop=centre", [PY, ANCHORS, "vips", "j3", source, o(f"{job}_pyvips.jpg")], o(f"{job}_pyvips.jpg"), ref)
        both(job, "vipsthumbnail 8.14 --smartcrop centre", ["vipsthumbnail", source, "--size", "1080x1350", "--smartcrop", "centre", "-o", o(f"{job}_vt.jpg") + "[Q=85]"], o(f"{job}_vt.jpg"), ref)
        both(job, "OpenCV crop + INTER_AREA", [PY, ANCHORS, "cv2", "j3", source, o(f"{job}_cv2.jpg")], o(f"{job}_cv2.jpg"), ref, cv=True)
    # J6png
    single("J6png", "Retouch convert (fast preset: up filter, libdeflate level 1)", [RETOUCH, "convert", RGBA, "-o", o("j6_retouch.png")], o("j6_retouch.png"), RGBA)
    both("J6png", "vips CLI 8.14 (level 6, no filter)", ["vips", "copy", RGBA, o("j6_vips.png")], o("j6_vips.png"), RGBA)
    both("J6png", "pyvips + libvips wheel (level 6, no filter)", [PY, ANCHORS, "vips", "j6png", RGBA, o("j6_pyvips.png")], o("j6_pyvips.png"), RGBA)
    single("J6png", "Pillow (level 6, adaptive)", [PY, ANCHORS, "pillow", "j6png", RGBA, o("j6_pillow.png")], o("j6_pillow.png"), RGBA)
    both("J6png", "OpenCV imwrite (level 1)", [PY, ANCHORS, "cv2", "j6png", RGBA, o("j6_cv2.png")], o("j6_cv2.png"), RGBA, cv=True)
    both("J6png", "ImageMagick (level 7, adaptive)", [IMAGEMAGICK, RGBA, o("j6_im.png")], o("j6_im.png"), RGBA)
    # J6webp
    single("J6webp", "Retouch convert --quality 80", [RETOUCH, "convert", RGBA, "-o", o("j6_retouch.webp"), "--quality", "80"], o("j6_retouch.webp"), RGBA)
    single("J6webp", "cwebp -q 80", ["cwebp", "-quiet", "-q", "80", RGBA, "-o", o("j6_cwebp.webp")], o("j6_cwebp.webp"), RGBA)
    both("J6webp", "vips CLI 8.14 Q=80", ["vips", "copy", RGBA, o("j6_vips.webp") + "[Q=80]"], o("j6_vips.webp"), RGBA)
    single("J6webp", "Pillow quality=80", [PY, ANCHORS, "pillow", "j6webp", RGBA, o("j6_pillow.webp")], o("j6_pillow.webp"), RGBA)
    both("J6webp", "OpenCV IMWRITE_WEBP_QUALITY 80", [PY, ANCHORS, "cv2", "j6webp", RGBA, o("j6_cv2.webp")], o("j6_cv2.webp"), RGBA, cv=True)
    # J4 / J4d
    A4, B4 = f"{WORK}/j4_a.png", f"{WORK}/j4_b.jpg"
    single("J4", "Retouch diff --json (SSIM, ΔE00, changed, pixelmatch, alignment)", [RETOUCH, "diff", A4, B4, "--json"])
    single("J4", "scikit-image structural_similarity (float64)", [PY, ANCHORS, "skimage", "j4ssim", f"{A4},{B4}"])
    both("J4", "OpenCV GaussianBlur SSIM formula (float32)", [PY, ANCHORS, "cv2", "j4ssim", f"{A4},{B4}"], cv=True)
    both("J4", "pyvips + libvips wheel convsep SSIM formula", [PY, ANCHORS, "vips", "j4ssim", f"{A4},{B4}"])
    single("J4", "pixelmatch (PyPI) count, threshold 0.1", [PY, ANCHORS, "pixelmatch", "j4pm", f"{A4},{B4}"])
    single("J4d", "Retouch diff --pictures-only --diff-image (pixelmatch picture)", [RETOUCH, "diff", A4, B4, "--pictures-only", "--diff-image", o("j4d_retouch.png")])
    both("J4d", "OpenCV absdiff (PNG level 1)", [PY, ANCHORS, "cv2", "j4diff", f"{A4},{B4}", o("j4d_cv2.png")], cv=True)
    both("J4d", "pyvips + libvips wheel (a-b).abs() (level 1)", [PY, ANCHORS, "vips", "j4diff", f"{A4},{B4}", o("j4d_pyvips.png")])
    single("J4d", "Pillow ImageChops.difference (level 1)", [PY, ANCHORS, "pillow", "j4diff", f"{A4},{B4}", o("j4d_pillow.png")])
    both("J4d", "ImageMagick compare -metric AE (highlight picture)", ["sh", "-c", f"/usr/bin/compare -metric AE {A4} {B4} {o('j4d_im.png')} 2>/dev/null; true"])
    # J5: the blur alone. Quality: max difference from the exact Gaussian (prepare_j5 below).
    MASK, exact5 = f"{WORK}/j5_mask.png", o("j5_exact.png")
    single("J5", "Retouch mask --feather 20 (σ 10, recursive Gaussian)", [RETOUCH, "mask", "--from", MASK, "--from-channel", "luma", "--feather", "20", "--convention", "white", "-o", o("j5_retouch.png")], o("j5_retouch.png"), exact5)
    both("J5", "pyvips + libvips wheel gaussblur 10 (min_ampl 0.2)", [PY, ANCHORS, "vips", "j5", MASK, o("j5_pyvips.png")], o("j5_pyvips.png"), exact5)
    both("J5", "pyvips + libvips wheel gaussblur 10 (min_ampl 0.01)", [PY, ANCHORS, "vips", "j5a", MASK, o("j5_pyvips_a.png")], o("j5_pyvips_a.png"), exact5)
    single("J5", "Pillow GaussianBlur(10)", [PY, ANCHORS, "pillow", "j5", MASK, o("j5_pillow.png")], o("j5_pillow.png"), exact5)
    both("J5", "OpenCV GaussianBlur σ 10", [PY, ANCHORS, "cv2", "j5", MASK, o("j5_cv2.png")], o("j5_cv2.png"), exact5, cv=True)
    both("J5", "ImageMagick -blur 0x10", [IMAGEMAGICK, MASK, "-blur", "0x10", "-define", "png:compression-level=1", o("j5_im.png")], o("j5_im.png"), exact5)
    # J5s: shapes + feather. vips blurs Retouch's unfeathered rasterisation (it has no polygon fill).
    SHAPES, drawn, exact5s = f"{WORK}/j5_shapes.json", o("j5s_drawn.png"), o("j5s_exact.png")
    for radius in (40, 10, 80):
        single("J5s", f"Retouch mask --shapes --feather {radius}", [RETOUCH, "mask", "--size", "3840x2160", "--shapes", SHAPES, "--feather", str(radius), "--convention", "white", "-o", o(f"j5s_retouch{radius}.png")],
               o(f"j5s_retouch{radius}.png"), exact5s if radius == 40 else None)
    single("J5s", "Pillow ImageDraw + GaussianBlur(20)", [PY, ANCHORS, "pillow", "j5s", SHAPES, o("j5s_pillow.png")], o("j5s_pillow.png"), exact5s)
    both("J5s", "OpenCV fillPoly/ellipse (AA) + GaussianBlur σ 20", [PY, ANCHORS, "cv2", "j5s", SHAPES, o("j5s_cv2.png")], o("j5s_cv2.png"), exact5s, cv=True)
    both("J5s", "pyvips + libvips wheel gaussblur 20 (of Retouch's drawing)", [PY, ANCHORS, "vips", "j5s20", drawn, o("j5s_pyvips.png")], o("j5s_pyvips.png"), exact5s)
    # J7: Retouch's full cut-out (model, holes, shadows, unmixing) against flood fills.
    PROD = f"{WORK}/j7_product.jpg"
    single("J7", "Retouch cutout (full: soft alpha, holes, shadows)", [RETOUCH, "cutout", PROD, "-o", o("j7_retouch.png")])
    both("J7", "pyvips + libvips wheel threshold + draw_flood", [PY, ANCHORS, "vips", "j7", PROD, o("j7_pyvips.png")])
    both("J7", "OpenCV floodFill (fixed range ±20)", [PY, ANCHORS, "cv2", "j7", PROD, o("j7_cv2.png")], cv=True)
    both("J7", "ImageMagick -fuzz 8% floodfill from (0,0), PNG level 1", [IMAGEMAGICK, PROD, "-alpha", "set", "-fuzz", "8%", "-fill", "none", "-draw", "color 0,0 floodfill", "-define", "png:compression-level=1", o("j7_im.png")])
    both("J7", "ImageMagick -fuzz 8% floodfill from (0,0), default PNG", [IMAGEMAGICK, PROD, "-alpha", "set", "-fuzz", "8%", "-fill", "none", "-draw", "color 0,0 floodfill", o("j7_im6.png")])
    # Decode floors
    for job, source in (("D1", J1), ("D1p", J1P), ("D2", K4P)):
        single(job, "Retouch inspect (decode + alpha scan)", [RETOUCH, "inspect", source])
        if source.endswith(".jpg"):
            single(job, "djpeg → /dev/null", ["djpeg", "-outfile", "/dev/null", source])
        else:
            single(job, "pngtopnm → /dev/null", ["sh", "-c", f"pngtopnm {shlex.quote(source)} > /dev/null"])
        single(job, "Pillow open + load", [PY, ANCHORS, "pillow", "decode", source, "-"])
        both(job, "OpenCV imread", [PY, ANCHORS, "cv2", "decode", source, "-"], cv=True)
        both(job, "pyvips + libvips wheel (avg)", [PY, ANCHORS, "vips", "decode", source, "-"])
    return R


def environment(threads):
    env = dict(os.environ)
    if threads in ("1", "1*"):
        env.update(ONE)
    else:
        for name in THREAD_VARS:
            env.pop(name, None)
    return env


def run_once(argv, env):
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"exit {result.returncode}: {' '.join(argv)}: {result.stderr.decode()[-300:]}")
    return elapsed


def peak_rss_mb(argv, env):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as record:
        subprocess.run(["/usr/bin/time", "-o", record.name, "-f", "%M"] + argv, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return int(record.read().split()[-1]) / 1024


def quality(reference, output):
    if not reference or not output or not os.path.exists(output):
        return ""
    result = subprocess.run([PY, QUALITY, reference, output], capture_output=True, text=True)
    return result.stdout.strip() or result.stderr.strip()[-80:]


def measure(selected, runs):
    os.makedirs(OUT, exist_ok=True)
    results = []
    jobs = []
    for row in rows():
        if selected and row[0] not in selected:
            continue
        if row[0] not in jobs:
            jobs.append(row[0])
    for job in jobs:
        job_rows = [r for r in rows() if r[0] == job]
        times = {i: [] for i in range(len(job_rows))}
        failed = {}
        for i, (_, tool, threads, argv, _, _) in enumerate(job_rows):       # warm-up
            try:
                run_once(argv, environment(threads))
            except (RuntimeError, FileNotFoundError) as error:
                failed[i] = str(error)
                print(f"!! {job} {tool}: {error}", file=sys.stderr)
        for _ in range(runs):                                                 # A B C … A B C …
            for i, (_, _, threads, argv, _, _) in enumerate(job_rows):
                if i not in failed:
                    times[i].append(run_once(argv, environment(threads)))
        for i, (_, tool, threads, argv, output, reference) in enumerate(job_rows):
            if i in failed:
                continue
            samples = times[i]
            record = dict(job=job, tool=tool, threads=threads, median=statistics.median(samples),
                          min=min(samples), max=max(samples), runs=len(samples),
                          rss_mb=peak_rss_mb(argv, environment(threads)),
                          out_bytes=os.path.getsize(output) if output and os.path.exists(output) else None,
                          quality=quality(reference, output), command=" ".join(shlex.quote(a) for a in argv).replace(WORK, "$W"))
            results.append(record)
            print(f"{job:7s} {threads:3s} {record['median']:7.3f}s  rss {record['rss_mb']:5.0f} MB  {tool}  {record['quality']}", flush=True)
    return results


def table(results):
    lines = []
    jobs = []
    for r in results:
        if r["job"] not in jobs:
            jobs.append(r["job"])
    for job in jobs:
        job_results = [r for r in results if r["job"] == job]
        lines.append(f"### {TITLES.get(job, job)}\n")
        lines.append("| tool | threads | median s | min–max s | peak RSS MB | output KB | quality | Retouch ÷ this |")
        lines.append("|---|---|---:|---:|---:|---:|---|---:|")
        retouch = next((r for r in job_results if r["tool"].startswith("Retouch")), None)
        for r in job_results:
            ratio = ""
            if retouch and r is not retouch:
                ratio = f"{retouch['median'] / r['median']:.2f}"
            threads = {"1": "1", "def": "default", "1*": "1 (inherent)"}[r["threads"]]
            size = f"{r['out_bytes'] / 1024:.0f}" if r["out_bytes"] else ""
            lines.append(f"| {r['tool']} | {threads} | {r['median']:.3f} | {r['min']:.3f}–{r['max']:.3f} | {r['rss_mb']:.0f} | {size} | {r['quality']} | {ratio} |")
        if retouch:
            anchors = [r for r in job_results if r is not retouch and r["threads"] in ("1", "1*") and "[baseline" not in r["tool"]]
            if anchors:
                best = min(anchors, key=lambda r: r["median"])
                lines.append(f"\n**Retouch ÷ best single-thread anchor ({best['tool']}): {retouch['median'] / best['median']:.2f}×**; "
                             f"peak RSS {retouch['rss_mb']:.0f} MB vs {best['rss_mb']:.0f} MB.\n")
    lines.append("### Jobs not yet measurable\n")
    lines.append("| job | what | why |")
    lines.append("|---|---|---|")
    for job, why in NOT_YET.items():
        lines.append(f"| {job} | {why.split(' (')[0]} | {'(' + why.split(' (', 1)[1] if ' (' in why else ''} |")
    return "\n".join(lines)


def prepare_j5():
    """J5 and J5s inputs and references: 50 deterministic shapes (25 ellipses, 25
    polygons) as a Retouch shapes file, Retouch's unfeathered drawing of them (vips'
    input), and the exact Gaussian of each mask (scipy, truncated at 8σ, edges extended),
    rounded to 8 bits: the quality column is the largest difference from it."""
    import random
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(5)
    shapes = []
    for i in range(50):
        cx, cy = rng.uniform(100, 3740), rng.uniform(100, 2060)
        if i % 2 == 0:
            shapes.append({"type": "ellipse", "cx": round(cx, 2), "cy": round(cy, 2), "rx": round(rng.uniform(20, 300), 2), "ry": round(rng.uniform(20, 300), 2)})
        else:
            n = rng.randint(3, 8)
            r = rng.uniform(30, 350)
            angles = sorted(rng.uniform(0, 6.283) for _ in range(n))
            import math
            shapes.append({"type": "polygon", "points": [[round(cx + r * math.cos(a), 2), round(cy + r * math.sin(a), 2)] for a in angles]})
    with open(f"{WORK}/j5_shapes.json", "w") as handle:
        json.dump({"shapes": shapes}, handle)
    drawn = os.path.join(OUT, "j5s_drawn.png")
    subprocess.run([RETOUCH, "mask", "--size", "3840x2160", "--shapes", f"{WORK}/j5_shapes.json", "--convention", "white", "-o", drawn],
                   check=True, stdout=subprocess.DEVNULL)
    script = """
import sys
import numpy as np
from PIL import Image
from scipy import ndimage
for source, sigma, target in ((sys.argv[1], 10, sys.argv[2]), (sys.argv[3], 20, sys.argv[4])):
    mask = np.asarray(Image.open(source).convert("L"), dtype=np.float64)
    blurred = ndimage.gaussian_filter(mask, sigma, mode="nearest", truncate=8.0)
    Image.fromarray(np.clip(np.rint(blurred), 0, 255).astype(np.uint8), "L").save(target)
"""
    subprocess.run([PY, "-c", script, f"{WORK}/j5_mask.png", os.path.join(OUT, "j5_exact.png"), drawn, os.path.join(OUT, "j5s_exact.png")], check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", "5")))
    parser.add_argument("--only", default=os.environ.get("ONLY", ""))
    args = parser.parse_args()
    if args.runs < 5:
        sys.exit("--runs must be at least 5")
    selected = {j for j in args.only.split(",") if j}
    if not selected or selected & {"J5", "J5s"}:
        prepare_j5()
    results = measure(selected, args.runs)
    with open(os.path.join(WORK, "results.json"), "w") as handle:
        json.dump(results, handle, indent=1)
    report = table(results)
    with open(os.path.join(WORK, "report.md"), "w") as handle:
        handle.write(report + "\n")
    print()
    print(report)


if __name__ == "__main__":
    main()
