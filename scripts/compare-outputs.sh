#!/usr/bin/env bash
# Runs a fixed set of `retouch` invocations with two binaries and compares what each
# printed (stdout, stderr, exit status) and every file it wrote, byte for byte.
# Used to show that a refactoring changed no output:
#
#   scripts/compare-outputs.sh OLD_RETOUCH NEW_RETOUCH [WORKDIR]
#
# Inputs: Fixtures/inputs and, when present, ../shared/conformance/photos. The demo's
# closing line carries a wall time and is compared without it. Exit 0 when everything
# matches; otherwise the differing invocations and files are listed and the exit is 1.
# KNOWN_CHANGES (below) lists invocations whose stderr and exit status changed on
# purpose (they are printed, not counted); their stdout and files are still compared.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1"); new=$(realpath "$2")
work=${3:-$(mktemp -d)}
root=$PWD
fixtures=$root/Fixtures/inputs
photos=$root/../shared/conformance/photos

# Error messages and exit codes changed on purpose by issue 14 (errors name the file at
# fault; sysexits by cause): a substring of the invocation each.
KNOWN_CHANGES=(
  "--for dall-e-2"                                   # retired model: 69 unavailable, not blamed on the input
  "--rect 1,1,2,2 --from"                            # start mask of the wrong size: the mask file named, 65
  "-o out/x.png --mask $fixtures/coffee-cutout"      # prepare's mask of the wrong size: the mask named, not the photo
)

known() {
  local k
  for k in "${KNOWN_CHANGES[@]}"; do [[ "$1" == *"$k"* ]] && return 0; done
  return 1
}

invocations() {
  local f
  for f in "$fixtures"/*.png "$fixtures"/*.jpg "$fixtures"/*.webp; do
    local name; name=$(basename "${f%.*}")
    echo "inspect $f"
    echo "inspect $f --json"
    echo "convert $f -o out/$name-c.png"
    echo "convert $f -o out/$name-c.jpg --quality 80"
    echo "convert $f -o out/$name-c.webp --lossless"
    echo "resize $f -o out/$name-r.png --width 200"
    echo "resize $f -o out/$name-r2.jpg --size 160x90 --filter mitchell --linear"
    echo "prepare $f -o out/$name-p1.png --for gpt-image-2 --tier 1k --fit pad --json"
    echo "prepare $f -o out/$name-p2.png --channel instagram-portrait --gravity attention --json"
    echo "prepare $f -o out/$name-p3.jpg --aspect 16:9 --gravity entropy --long-edge 640"
    echo "prepare $f -o out/$name-p4.png --for gpt-image-1.5 --gravity 0.3,0.6"
    echo "mask --like $f --ellipse 50%,45%,22%,28% --stroke 3%:15%,80%,45%,88%,80%,78% --grow 6 --feather 10 -o out/$name-m.png --preview out/$name-mp.png --json"
    echo "mask --like $f --rect 10%,10%,30%,40%,8 --subtract-ellipse 20%,20%,5%,5% --invert --shrink 3 --feather 12 --feather-mode ramp --convention white -o out/$name-mw.png"
    echo "cutout $f -o out/$name-cut.png --json"
    echo "cutout $f -o out/$name-cut2.png --trim --pad 4% --alpha-out out/$name-matte.png"
    echo "cutout $f -o out/$name-cut3.jpg --trim --canvas 400x300 --position 0.5,0.8 --fill-background #f0f0f0"
    echo "diff $f out/$name-c.jpg --json --heatmap out/$name-h.png --side-by-side out/$name-s.png --diff-image out/$name-d.png"
    echo "diff $f out/$name-c.jpg --mask out/$name-m.png --max outside.changedFraction=0.0001 --min ssim=0.9"
    echo "diff $f out/$name-c.jpg --pictures-only --diff-image out/$name-d2.png"
  done
  echo "mask --from $fixtures/coffee-cutout-300x200.webp --feather 8 -o out/from-cutout.png --json"
  echo "mask --from $fixtures/coffee-cutout-300x200.webp --from-channel alpha --invert-input --grow 2 -o out/from-cutout2.png"
  echo "mask --size 640x480 --polygon 10,10,600,40,320,470 --convention white -o out/poly.png --json"
  echo "prepare $fixtures/coffee.png -o out/coffee-pm.png --for gpt-image-2 --mask out/coffee-m.png --json"
  echo "prepare $fixtures/coffee.png -o out/coffee-pm2.png --aspect 1:1 --gravity subject --mask out/coffee-m.png"
  echo "channels"
  echo "channels --json"
  echo "--version"
  echo "demo --fixtures $fixtures --output out/demo"
  # Errors: missing, corrupt, mismatched and impossible inputs.
  echo "inspect $root/Fixtures/corrupt/truncated-header.jpg $fixtures/coffee.png --json"
  echo "inspect does-not-exist.png"
  echo "convert $root/Fixtures/corrupt/bad-signature.png -o out/x.png"
  echo "prepare $fixtures/coffee.png -o out/x.png --for gpt-image-2 --size 1000x1000"
  echo "prepare $fixtures/coffee.png -o out/x.png --for dall-e-2"
  echo "diff $fixtures/coffee.png $fixtures/rocket.jpg"
  echo "prepare $fixtures/coffee.png -o out/x.png --mask $fixtures/coffee-cutout-300x200.webp"
  echo "mask --size 64x64 --rect 1,1,2,2 --from $fixtures/coffee-cutout-300x200.webp -o out/x.png"
  echo "cutout $fixtures/coffee.png -o out/x.jpg"
  echo "resize $fixtures/coffee.png -o out/x.tiff --width 10"
  if [ -d "$photos" ]; then
    for f in "$photos"/*.jpg "$photos"/*.png; do
      local name; name=$(basename "${f%.*}")
      echo "inspect $f --json"
      echo "prepare $f -o out/ph-$name-1.png --for gpt-image-2 --tier 1k --json"
      echo "prepare $f -o out/ph-$name-2.jpg --channel instagram-portrait --gravity attention --json"
      echo "mask --like $f --ellipse 50%,50%,25%,25% --grow 4 --feather 16 -o out/ph-$name-m.png --json"
      echo "cutout $f -o out/ph-$name-cut.png --json"
      echo "convert $f -o out/ph-$name-q.jpg --quality 70"
      echo "diff $f out/ph-$name-q.jpg --mask out/ph-$name-m.png --json --heatmap out/ph-$name-h.png"
    done
  fi
}

run_all() {
  local binary=$1 dir=$2
  rm -rf "$dir"; mkdir -p "$dir/out" "$dir/log"
  local i=0
  while IFS= read -r line; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    (cd "$dir" && set +e; "$binary" $line >"log/$i.out" 2>"log/$i.err"; echo $? >"log/$i.status")
  done < <(invocations)
  sed -i -E 's/ in [0-9.]+ (ms|s)(;|$)/ in TIME\2/' "$dir"/log/*.out
}

run_all "$old" "$work/old"
run_all "$new" "$work/new"

status=0
i=0
while IFS= read -r line; do
  i=$((i + 1))
  for part in out err status; do
    if ! cmp -s "$work/old/log/$i.$part" "$work/new/log/$i.$part"; then
      if [ "$part" != out ] && known "$line"; then
        echo "changed on purpose ($part): retouch $line"
        sed 's/^/    old: /' "$work/old/log/$i.$part"; sed 's/^/    new: /' "$work/new/log/$i.$part"
        continue
      fi
      echo "differs ($part): retouch $line"
      { diff "$work/old/log/$i.$part" "$work/new/log/$i.$part" || true; } | head -10 | sed "s/^/    /"
      status=1
    fi
  done
done < <(invocations)
if ! diff -rq "$work/old/out" "$work/new/out" >/dev/null; then
  { diff -rq "$work/old/out" "$work/new/out" || true; } | sed "s/^/files: /"
  status=1
fi
files=$(find "$work/old/out" -type f | wc -l)
echo "compare-outputs: $i invocations, $files output files: $([ $status = 0 ] && echo identical || echo DIFFERENT)"
exit $status
