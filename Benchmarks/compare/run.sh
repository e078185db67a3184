#!/usr/bin/env bash
# Whole-process comparison of Retouch against libvips, Pillow, OpenCV and ImageMagick.
# Installs what it needs (apt: libvips-tools imagemagick webp libjpeg-turbo-progs netpbm
# time; PyPI into $WORK/venv: pillow pyvips pyvips-binary opencv-python-headless
# scikit-image pixelmatch numpy scipy shapely), derives the inputs from ../shared/bench/inputs
# with ../shared/bench/scripts/make_inputs.py, builds retouch in release mode, and prints
# the table (also written to $WORK/report.md). RUNS=N (≥ 5) and ONLY=J6png,D1 are optional.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${RETOUCH_SHARED:-$root/../shared}"
export WORK="${WORK:-/tmp/retouch-bench}"
mkdir -p "$WORK"

if [ ! -d "$shared/bench/inputs" ]; then
  echo "run.sh: $shared/bench/inputs not found (set RETOUCH_SHARED to the shared folder)" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
need=()
for tool in vips:libvips-tools cwebp:webp jpegtran:libjpeg-turbo-progs djpeg:libjpeg-turbo-progs pngtopnm:netpbm; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool##*:}")
done
[ -x /usr/bin/time ] || need+=(time)
# /usr/bin/convert, not whatever `convert` is first on PATH (some machines have a stand-in).
[ -x /usr/bin/convert ] && /usr/bin/convert -version 2>/dev/null | grep -q ImageMagick || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  echo "run.sh: installing ${need[*]} (apt)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

venv="$WORK/venv"
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" 2>/dev/null; then
    echo "run.sh: installing python3-venv (apt)" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
fi
if ! "$venv/bin/python" -c "import PIL, pyvips, cv2, skimage, pixelmatch, numpy, scipy, shapely" 2>/dev/null; then
  echo "run.sh: installing the Python anchors into $venv (PyPI)" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check pillow pyvips pyvips-binary opencv-python-headless scikit-image pixelmatch numpy scipy shapely
fi
export PY="$venv/bin/python"

"$PY" "$shared/bench/scripts/make_inputs.py" "$shared/bench/inputs" "$WORK" >/dev/null

"$root/scripts/ensure-deps.sh"
export RETOUCH="$("$root/scripts/build-release.sh" 2>/dev/null)"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sm)"
echo "libvips CLI: $(vips --version 2>/dev/null | head -1); pyvips libvips: $("$PY" -c 'import pyvips; print(".".join(str(pyvips.version(i)) for i in range(3)))')"
echo "Pillow $("$PY" -c 'import PIL; print(PIL.__version__)'), OpenCV $("$PY" -c 'import cv2; print(cv2.__version__)'), $(/usr/bin/convert -version | head -1 | cut -d" " -f2-3)"
"$RETOUCH" --version | tr '\n' ' '; echo

# J8 (local fill against cv2.inpaint) and J9 (the edit path against a loopback fake of
# images/edits) are their own scripts: run when ONLY is unset or names them.
only=",${ONLY:-J8,J9,ALL},"
if [[ "$only" == *",J8,"* ]]; then
  echo; echo "### J8: local fill vs cv2.inpaint (Telea, NS) and a flat fill, 9 photos at 768 px"; echo
  RETOUCH="$RETOUCH" "$PY" "$here/inpaint_check.py" "$shared/conformance/photos" | tee "$WORK/report-j8.md"
fi
if [[ "$only" == *",J9,"* ]]; then
  echo; echo "### J9: edit path without the network, 2048x2048 (our own work vs the goal of 150 ms)"; echo
  RETOUCH="$RETOUCH" "$PY" "$here/edit_path.py" "$WORK/j4_a.png" | tee "$WORK/report-j9.md"
fi
[[ -n "${ONLY:-}" && "$only" != *",J1,"* && "$only" != *",J3,"* && "$only" != *",J3p,"* && "$only" != *",J4,"* && "$only" != *",J4d,"* \
   && "$only" != *",J5,"* && "$only" != *",J5s,"* && "$only" != *",J6png,"* && "$only" != *",J6webp,"* && "$only" != *",J7,"* \
   && "$only" != *",D1,"* && "$only" != *",D1p,"* && "$only" != *",D2,"* ]] && exit 0
exec "$PY" "$here/compare.py" "$@"
