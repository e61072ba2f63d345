#!/usr/bin/env bash
# The main job: set up, build, and run the default lesson headless, printing its summary.
# Extra arguments go to `eventscape-cli run` (e.g. --json, --seed 7, --set services.email.concurrency=4).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec ./build/app/cli/eventscape-cli run scenarios/lessons/order-placed.yaml "$@"
