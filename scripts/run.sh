#!/usr/bin/env bash
# The main job: set up, build, then open the window on the default lesson when there is a display,
# or run the default lesson headless and print its summary when there is none (or with --headless).
#   bash scripts/run.sh                 # the window if $DISPLAY / $WAYLAND_DISPLAY is set, else headless
#   bash scripts/run.sh --headless ...  # headless; further arguments go to `eventscape-cli run`
#                                       # (e.g. --json, --seed 7, --set services.email.concurrency=4)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
headless=0
if [[ "${1:-}" == "--headless" ]]; then
  headless=1
  shift
elif [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  headless=1
fi
if (( headless )); then
  exec ./build/app/cli/eventscape-cli run scenarios/lessons/order-placed.yaml "$@"
fi
exec ./build/app/gui/eventscape "$@"
