#!/usr/bin/env bash
# Builds the .deb with cpack and checks it: its name and Debian 12 dependencies (dpkg-deb --info),
# its files (--contents: programs, desktop entry, icons, metainfo, MIME type, man pages, every
# lesson) and lintian's verdict where lintian is installed (errors fail; everything is printed).
# Usage: install_deb.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install_deb: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack failed"; }
debs=("$tmp"/eventscape_*.deb)
[[ -f ${debs[0]} ]] || fail "no eventscape_*.deb in $(ls "$tmp")"
deb=${debs[0]}
echo "install_deb: built $(basename "$deb") ($(du -k "$deb" | cut -f1) KB)"

info=$(dpkg-deb --info "$deb")
grep -q '^ Package: eventscape$' <<<"$info" || fail "the package is not named eventscape"
depends=$(sed -n 's/^ Depends: //p' <<<"$info")
echo "install_deb: Depends: $depends"
for d in libqt6widgets6 libqt6charts6 libqt6svg6 libyaml-cpp0.7 libsqlite3-0 libgvc6 qt6-qpa-plugins; do
  grep -qE "(^|, )$d( |,|$)" <<<"$depends" || fail "Depends lacks $d"
done

contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
id=org.eventscape.Eventscape
for f in ./usr/bin/eventscape ./usr/bin/eventscape-cli ./usr/bin/eventscape-charts \
         ./usr/share/applications/$id.desktop ./usr/share/metainfo/$id.metainfo.xml \
         ./usr/share/mime/packages/eventscape.xml ./usr/share/icons/hicolor/scalable/apps/$id.svg \
         ./usr/share/icons/hicolor/48x48/apps/$id.png ./usr/share/man/man1/eventscape.1.gz \
         ./usr/share/man/man1/eventscape-cli.1.gz ./usr/share/man/man1/eventscape-charts.1.gz \
         ./usr/share/doc/eventscape/copyright ./usr/share/doc/eventscape/changelog.gz; do
  grep -qxF "$f" <<<"$contents" || fail "the package lacks $f"
done
for l in "$source"/scenarios/lessons/*.yaml; do
  grep -qxF "./usr/share/eventscape/scenarios/lessons/$(basename "$l")" <<<"$contents" || fail "the package lacks lesson $(basename "$l")"
done

if command -v lintian >/dev/null; then
  # Run as root in CI: lintian only warns about that. Its findings are printed for the log.
  lintian --allow-root --tag-display-limit 0 "$deb" >"$tmp/lintian.txt" 2>&1 || true
  cat "$tmp/lintian.txt"
  ! grep -q '^E: ' "$tmp/lintian.txt" || fail "lintian reports errors"
else
  echo "install_deb: lintian is not installed; skipped"
fi
echo "install_deb: ok"
