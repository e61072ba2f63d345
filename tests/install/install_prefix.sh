#!/usr/bin/env bash
# Installs the build into a temporary prefix and uses it from there: every file a desktop install
# needs is in place, the installed CLI finds the installed lessons on its own (not the checkout's)
# and validates each of them, and the installed window opens the default lesson offscreen, runs and
# quits.  Usage: install_prefix.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install_prefix: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/usr" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install failed"; }
p=$tmp/usr
id=org.eventscape.Eventscape
for f in bin/eventscape bin/eventscape-cli bin/eventscape-charts \
         share/applications/$id.desktop share/metainfo/$id.metainfo.xml share/mime/packages/eventscape.xml \
         share/icons/hicolor/scalable/apps/$id.svg share/icons/hicolor/16x16/apps/$id.png \
         share/icons/hicolor/256x256/apps/$id.png \
         share/man/man1/eventscape.1.gz share/man/man1/eventscape-cli.1.gz share/man/man1/eventscape-charts.1.gz \
         share/eventscape/scenarios/bench/mm1.yaml share/doc/eventscape/copyright; do
  [[ -e $p/$f ]] || fail "$f is not installed"
done
# The man pages are the programs' --help, without Qt's warnings leaking into them.
for m in eventscape eventscape-cli eventscape-charts; do
  page=$(gzip -dc "$p/share/man/man1/$m.1.gz")
  grep -q '^\.SH' <<<"$page" || fail "$m.1 has no sections"
  grep -qF -- '\-\-help' <<<"$page" || fail "$m.1 does not list the options"
  ! grep -qi 'QStandardPaths\|qt.qpa' <<<"$page" || fail "$m.1 holds a Qt warning"
done
gzip -dc "$p/share/man/man1/eventscape.1.gz" | grep -q -- 'quit\\-after' || fail "eventscape.1 misses --quit-after"
# The CLI's subcommands with their own options (compare's --seeds and --sweep, run's --until).
cli_page=$(gzip -dc "$p/share/man/man1/eventscape-cli.1.gz")
for o in seeds sweep until from\\-store; do
  grep -qF -- "\\-\\-$o" <<<"$cli_page" || fail "eventscape-cli.1 misses --${o//\\/}"
done
grep -q '^\.SS "compare"' <<<"$cli_page" || fail "eventscape-cli.1 has no compare subsection"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$p/share/applications/$id.desktop"; fi
if command -v appstreamcli >/dev/null; then appstreamcli validate --no-net "$p/share/metainfo/$id.metainfo.xml" >/dev/null; fi

# The lessons, found relative to the installed binary with no variable set.
unset EVENTSCAPE_LESSONS EVENTSCAPE_LESSONS_DIR
lessons=$p/share/eventscape/scenarios/lessons
"$p/bin/eventscape-cli" lessons >"$tmp/lessons.txt"
expected=$(find "$source/scenarios/lessons" -maxdepth 1 -name '*.yaml' | wc -l)
[[ $expected -gt 0 && $(wc -l <"$tmp/lessons.txt") -eq $expected ]] ||
  fail "eventscape-cli lessons listed $(wc -l <"$tmp/lessons.txt") files, expected $expected"
while read -r f; do
  [[ $f == "$(realpath "$lessons")"/* ]] || fail "lesson $f is not the installed copy"
  "$p/bin/eventscape-cli" validate "$f" >/dev/null || fail "installed lesson $f does not validate"
done <"$tmp/lessons.txt"
# A lesson by name, and another folder through --lessons and through the variable.
"$p/bin/eventscape-cli" validate order-placed | grep -q "^$(realpath "$lessons")/order-placed.yaml: ok" ||
  fail "validate order-placed did not use the installed lesson"
mkdir "$tmp/mine" && cp "$lessons/hot-key.yaml" "$tmp/mine/"
[[ $("$p/bin/eventscape-cli" lessons --lessons "$tmp/mine") == "$(realpath "$tmp/mine")/hot-key.yaml" ]] || fail "--lessons was not used"
[[ $(EVENTSCAPE_LESSONS="$tmp/mine" "$p/bin/eventscape-cli" lessons) == "$(realpath "$tmp/mine")/hot-key.yaml" ]] ||
  fail "EVENTSCAPE_LESSONS was not used"

# The window: offscreen, on the default lesson, running, until it quits by itself.
mkdir -m 700 "$tmp/runtime"
out=$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$tmp/runtime" XDG_CONFIG_HOME="$tmp/config" \
      timeout 60 "$p/bin/eventscape" --play --speed max --quit-after 3) || fail "the installed window failed"
echo "$out"
grep -q "$(realpath "$lessons")/order-placed.yaml open" <<<"$out" || fail "the window did not open the installed default lesson"
sim=$(sed -n 's/.*simulated \([0-9.]*\) s.*/\1/p' <<<"$out")
awk -v s="$sim" 'BEGIN { exit !(s > 0) }' || fail "the window did not run (simulated '$sim' s)"
echo "install_prefix: ok ($expected lessons validated from $p)"
