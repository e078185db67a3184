#!/usr/bin/env python3
"""One benchmark job in one process, for one anchor library.

    anchors.py LIBRARY JOB INPUT OUTPUT [--threads N]

LIBRARY is pillow, cv2 or vips (pyvips; libvips from the pyvips-binary wheel when it is
installed). Each run imports only the library it uses, so start-up cost is comparable.
"""
import sys


def main():
    args = sys.argv[1:]
    threads = None
    if "--threads" in args:
        i = args.index("--threads")
        threads = int(args[i + 1])
        del args[i:i + 2]
    if len(args) == 3:        # J4: two inputs, the result printed
        args.append("-")
    library, job, source, target = args
    if job in ("j4ssim", "j4diff", "j4pm"):
        two_images(library, job, source, target, threads)
        return
    if job == "j5s":
        shapes_then_blur(library, source, target, threads)
        return
    if job == "j7":
        flood_to_alpha(library, source, target, threads)
        return
    if library == "pillow":
        from PIL import Image
        image = Image.open(source)
        image.load()
        if job == "j1":
            image = image.convert("RGB")
            image.resize((1024, round(1024 * image.height / image.width)), Image.LANCZOS).save(target, compress_level=1)
        elif job == "j3":
            image = image.convert("RGB")
            width = image.height * 4 // 5
            left = (image.width - width) // 2
            image.crop((left, 0, left + width, image.height)).resize((1080, 1350), Image.LANCZOS).save(target, quality=85)
        elif job == "j6png":
            image.save(target, compress_level=6)
        elif job == "j6webp":
            image.save(target, quality=80)
        elif job == "j5":
            from PIL import ImageFilter
            image.filter(ImageFilter.GaussianBlur(10)).save(target, compress_level=1)
        elif job == "decode":
            pass
    elif library == "cv2":
        import cv2
        if threads is not None:
            cv2.setNumThreads(threads)
        image = cv2.imread(source, cv2.IMREAD_UNCHANGED)
        if image is None:
            sys.exit(f"cv2 could not read {source}")
        if job == "j1":
            height = round(1024 * image.shape[0] / image.shape[1])
            cv2.imwrite(target, cv2.resize(image, (1024, height), interpolation=cv2.INTER_AREA))
        elif job == "j3":
            width = image.shape[0] * 4 // 5
            left = (image.shape[1] - width) // 2
            crop = image[:, left:left + width]
            cv2.imwrite(target, cv2.resize(crop, (1080, 1350), interpolation=cv2.INTER_AREA), [cv2.IMWRITE_JPEG_QUALITY, 85])
        elif job == "j6png":
            cv2.imwrite(target, image)
        elif job == "j6webp":
            cv2.imwrite(target, image, [cv2.IMWRITE_WEBP_QUALITY, 80])
        elif job == "j5":
            cv2.imwrite(target, cv2.GaussianBlur(image, (0, 0), 10), [cv2.IMWRITE_PNG_COMPRESSION, 1])
    elif library == "vips":
        import pyvips
        if job == "j1":
            pyvips.Image.thumbnail(source, 1024).write_to_file(target)
            return
        if job == "j3":
            pyvips.Image.thumbnail(source, 1080, height=1350, crop="centre").write_to_file(target, Q=85)
            return
        image = pyvips.Image.new_from_file(source, access="sequential")
        if job == "j6png":
            image.write_to_file(target)
        elif job == "j6webp":
            image.write_to_file(target, Q=80)
        elif job == "decode":
            image.avg()
        elif job in ("j5", "j5a"):
            # libvips' default min_ampl 0.2 cuts the kernel at ±1.8σ; 0.01 is the accurate setting.
            image.gaussblur(10, min_ampl=0.01 if job == "j5a" else 0.2).write_to_file(target, compression=1)
        elif job == "j5s20":
            image.gaussblur(20, min_ampl=0.01).write_to_file(target, compression=1)
    else:
        sys.exit(f"unknown library {library}")


def two_images(library, job, pair, target, threads):
    """J4 (SSIM, or pixelmatch's count) and J4d (abs difference → PNG level 1).
    `pair` is "A.png,B.jpg"."""
    first, second = pair.split(",")
    C1, C2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    if library == "skimage":
        import numpy as np
        from PIL import Image
        from skimage.metrics import structural_similarity
        a, b = (np.asarray(Image.open(p).convert("RGB")) for p in (first, second))
        print("SSIM %.6f" % structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255, channel_axis=-1))
    elif library == "pixelmatch":
        from PIL import Image
        from pixelmatch.contrib.PIL import pixelmatch
        a, b = (Image.open(p).convert("RGBA") for p in (first, second))
        print("pixelmatch", pixelmatch(a, b, threshold=0.1))
    elif library == "cv2":
        import cv2
        import numpy as np
        if threads is not None:
            cv2.setNumThreads(threads)
        if job == "j4diff":
            cv2.imwrite(target, cv2.absdiff(cv2.imread(first), cv2.imread(second)), [cv2.IMWRITE_PNG_COMPRESSION, 1])
            return
        A = cv2.imread(first, cv2.IMREAD_COLOR).astype(np.float32)
        B = cv2.imread(second, cv2.IMREAD_COLOR).astype(np.float32)
        g = lambda x: cv2.GaussianBlur(x, (11, 11), 1.5, borderType=cv2.BORDER_REFLECT)
        ux, uy = g(A), g(B)
        vx, vy, vxy = g(A * A) - ux * ux, g(B * B) - uy * uy, g(A * B) - ux * uy
        S = ((2 * ux * uy + C1) * (2 * vxy + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2))
        print("SSIM %.6f" % float(S[5:-5, 5:-5].mean(dtype=np.float64)))
    elif library == "vips":
        import math
        import pyvips
        if job == "j4diff":
            A = pyvips.Image.new_from_file(first, access="sequential")
            B = pyvips.Image.new_from_file(second, access="sequential")
            (A - B).abs().cast("uchar").write_to_file(target, compression=1)
            return
        A = pyvips.Image.new_from_file(first).cast("float")
        B = pyvips.Image.new_from_file(second).cast("float")
        k = [math.exp(-(i * i) / (2 * 1.5 * 1.5)) for i in range(-5, 6)]
        mask = pyvips.Image.new_from_list([[x / sum(k) for x in k]])
        g = lambda x: x.convsep(mask, precision="float")
        ux, uy = g(A), g(B)
        vx, vy, vxy = g(A * A) - ux * ux, g(B * B) - uy * uy, g(A * B) - ux * uy
        S = ((2 * ux * uy + C1) * (2 * vxy + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2))
        print("SSIM %.6f" % S.crop(5, 5, S.width - 10, S.height - 10).avg())
    elif library == "pillow":
        from PIL import Image, ImageChops
        ImageChops.difference(Image.open(first).convert("RGB"), Image.open(second).convert("RGB")).save(target, compress_level=1)
    else:
        sys.exit(f"{job} is not defined for {library}")


def flood_to_alpha(library, source, target, threads):
    """J7: the near-white region connected to the corner (8 % RMS fuzz) → alpha 0, PNG
    (level 1). The same recipes as ../shared/bench/scripts/tools.py."""
    fuzz = 0.08
    if library == "cv2":
        import cv2
        import numpy as np
        if threads is not None:
            cv2.setNumThreads(threads)
        im = cv2.imread(source, cv2.IMREAD_COLOR)
        h, w = im.shape[:2]
        mask = np.zeros((h + 2, w + 2), np.uint8)
        tol = (round(fuzz * 255),) * 3
        cv2.floodFill(im, mask, (0, 0), 0, tol, tol, 4 | cv2.FLOODFILL_FIXED_RANGE | cv2.FLOODFILL_MASK_ONLY | (255 << 8))
        bgra = cv2.cvtColor(im, cv2.COLOR_BGR2BGRA)
        bgra[:, :, 3] = 255 - mask[1:-1, 1:-1]
        cv2.imwrite(target, bgra, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    elif library == "vips":
        import pyvips
        im = pyvips.Image.new_from_file(source)
        d = 255 - im
        near = ((d * d).bandmean() * 3 <= 3 * (fuzz * 255) ** 2).ifthenelse(255, 0).cast("uchar").copy_memory()
        near = near.draw_flood(128, 0, 0, equal=True)
        alpha = (near == 128).ifthenelse(0, 255).cast("uchar")
        im.bandjoin(alpha).copy(interpretation="srgb").write_to_file(target, compression=1)
    else:
        sys.exit(f"j7 is not defined for {library}")


def shapes_then_blur(library, shapes_path, target, threads):
    """J5s: draw the shapes file's ellipses and polygons (filled, white on black) on a
    3840×2160 mask, then Gaussian blur σ 20 (a feather of radius 40 at σ = r/2)."""
    import json
    shapes = json.load(open(shapes_path))["shapes"]
    size = (3840, 2160)
    if library == "pillow":
        from PIL import Image, ImageDraw, ImageFilter
        image = Image.new("L", size)
        draw = ImageDraw.Draw(image)
        for s in shapes:
            if s["type"] == "ellipse":
                draw.ellipse([s["cx"] - s["rx"], s["cy"] - s["ry"], s["cx"] + s["rx"], s["cy"] + s["ry"]], fill=255)
            else:
                draw.polygon([tuple(p) for p in s["points"]], fill=255)
        image.filter(ImageFilter.GaussianBlur(20)).save(target, compress_level=1)
    elif library == "cv2":
        import cv2
        import numpy as np
        if threads is not None:
            cv2.setNumThreads(threads)
        image = np.zeros((size[1], size[0]), np.uint8)
        shift = 4   # sub-pixel coordinates in 1/16 px
        for s in shapes:
            if s["type"] == "ellipse":
                cv2.ellipse(image, (round(s["cx"] * 16), round(s["cy"] * 16)), (round(s["rx"] * 16), round(s["ry"] * 16)),
                            0, 0, 360, 255, -1, cv2.LINE_AA, shift)
            else:
                points = np.round(np.array(s["points"]) * 16).astype(np.int32)
                cv2.fillPoly(image, [points], 255, cv2.LINE_AA, shift)
        cv2.imwrite(target, cv2.GaussianBlur(image, (0, 0), 20), [cv2.IMWRITE_PNG_COMPRESSION, 1])
    else:
        sys.exit(f"j5s is not defined for {library}")


if __name__ == "__main__":
    main()
