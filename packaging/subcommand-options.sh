#!/usr/bin/env bash
# Writes a help2man include file (stdout) with one subsection per subcommand of eventscape-cli, holding
# that subcommand's own --help: help2man reads only the top-level --help, which names the
# subcommands but not their options. The list comes from that top-level help, so a new subcommand
# appears in the man page with no change here.  Usage: subcommand-options.sh PATH/TO/eventscape-cli
set -euo pipefail
cli=$1
# argv[0] as the man page should print it (CLI11 writes it into each "Usage:" line).
help() { (exec -a eventscape-cli "$cli" "$@" --help); }
# roff: a backslash is \e, a hyphen \-, and a line starting with . or ' would be a request.
roff() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\([.']\)/\\\\\&\1/"; }

subcommands=$(help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
[[ -n $subcommands ]] || { echo "subcommand-options.sh: no subcommands in $cli --help" >&2; exit 1; }
echo '[SUBCOMMANDS]'
echo 'Each subcommand takes its own options, after its name; these are their'
echo '.B \-\-help'
echo 'texts.'
for s in $subcommands; do
  echo ".SS \"$(roff <<<"$s")\""
  echo '.nf'
  help "$s" | roff
  echo '.fi'
done
