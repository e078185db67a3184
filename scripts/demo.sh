#!/usr/bin/env bash
# The main job: builds retouch (release) and runs the demo pipeline on Fixtures/inputs,
# offline. Outputs go to out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
retouch=$(scripts/build-release.sh)
"$retouch" demo --fixtures Fixtures/inputs --output out/demo "$@"
