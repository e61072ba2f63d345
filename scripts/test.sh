#!/usr/bin/env bash
# Set up, build, and run the whole test suite (Qt Test executables, offscreen) through ctest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
ctest --preset release
