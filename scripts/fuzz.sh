#!/usr/bin/env bash
# Builds one libFuzzer target of Fuzz/ (SwiftPM's --sanitize fuzzer and address: Swift
# and our C shims instrumented) and runs it for SECONDS (default 60) on a corpus seeded from
# Fixtures/, Fuzz/Seeds/ and ../shared/conformance/ when present.
#   scripts/fuzz.sh decode|shapes|batch|providers [SECONDS] [extra libFuzzer flags...]
# A finding (crash, leak, timeout, out-of-memory) is written to Fuzz/findings/ and the
# script exits non-zero: copy it to Fixtures/regression/ with a test (HostileInputTests).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh decode|shapes|batch|providers [SECONDS] [libFuzzer flags...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
case "$target" in
  decode|shapes|batch|providers) ;;
  *) echo "fuzz.sh: unknown target '$target' (decode, shapes, batch, providers)" >&2; exit 64 ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 64; }
scripts/ensure-deps.sh
# The root package's targets are a path dependency here: SwiftPM keeps their source lists
# in the cached build plan and does not see a file added since (a build then fails on a
# missing symbol). When the list of source files changed, the plan is dropped so that it
# is made again; compiled objects stay cached.
mkdir -p Fuzz/.build
listing="$(find Sources -type f | sort | sha1sum | cut -c1-40)"
if [ "$(cat Fuzz/.build/sources.sha1 2>/dev/null)" != "$listing" ]; then
  rm -f Fuzz/.build/release.yaml Fuzz/.build/*/release/description.json
  echo "$listing" > Fuzz/.build/sources.sha1
fi
# SwiftPM passes -sanitize=fuzzer and -sanitize=address as two flags and swiftc keeps
# only the last, so Swift code would get ASan but no coverage: the counters libFuzzer's
# feedback needs are asked for explicitly.
swift build --package-path Fuzz -c release --product "fuzz-$target" \
  --sanitize fuzzer --sanitize address -Xswiftc -parse-as-library \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
binary="$(swift build --package-path Fuzz -c release --show-bin-path)/fuzz-$target"

corpus="Fuzz/.corpus/$target"
mkdir -p "$corpus" Fuzz/findings
seeds=("Fuzz/Seeds/$target")
if [ "$target" = decode ]; then
  seeds=(Fixtures ../shared/conformance)
fi
for dir in "${seeds[@]}"; do
  [ -d "$dir" ] || continue
  # Seeds over 256 KB only slow the fuzzer down; names are content hashes so reruns merge.
  find "$dir" -type f -size -256k \( -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' -o -name '*.webp' \
    -o -name '*.json' -o -name '*.jsonl' -o -name '*.bin' -o -name '*.txt' \) -print0 |
  while IFS= read -r -d '' file; do
    cp -n "$file" "$corpus/$(sha1sum "$file" | cut -c1-16)" 2>/dev/null || true
  done
done
dict=()
[ -f "Fuzz/Dictionaries/$target.dict" ] && dict=("-dict=Fuzz/Dictionaries/$target.dict")
echo "fuzz.sh: $target for ${seconds}s on $(ls "$corpus" | wc -l) seeds" >&2
exec "$binary" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 \
  -max_len=262144 -artifact_prefix=Fuzz/findings/"$target"- -print_final_stats=1 "$@"
