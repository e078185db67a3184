#!/usr/bin/env bash
# The test suite: unit tests, the conformance suites in ../shared/conformance (when
# present; skipped with a message otherwise), and end-to-end CLI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build --product retouch
swift test "$@"
