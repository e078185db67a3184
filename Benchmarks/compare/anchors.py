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
    library, job, source, target = args
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
    else:
        sys.exit(f"unknown library {library}")


if __name__ == "__main__":
    main()
