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
        if job == "j6png":
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
        if job == "j6png":
            cv2.imwrite(target, image)
        elif job == "j6webp":
            cv2.imwrite(target, image, [cv2.IMWRITE_WEBP_QUALITY, 80])
    elif library == "vips":
        import pyvips
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
