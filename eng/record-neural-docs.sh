#!/usr/bin/env bash
# Regenerates the neural experiment's pages under docs/reproduction/ from their runs on the real data:
#   neural.md              prunadag reproduce neural                        (the default run)
#   neural-a9a.md          prunadag reproduce neural --problems a9a-logistic
#   neural-sensitivity.md  the six runs with one setting changed each, their tables one after the other
# Usage: bash eng/record-neural-docs.sh DATA_FOLDER     (the folder holding mnist/ and a9a/; 5-10 minutes on 2 cores)
# Each page is the command's table.md as written (the sensitivity page demotes their headings by one level). Only the
# seconds change from one machine or hour to the next; the accuracies are the same bits everywhere.
set -euo pipefail
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: bash eng/record-neural-docs.sh DATA_FOLDER (with mnist/ and a9a/)" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$(cd "$1" && pwd)"
docs="$root/docs/reproduction"
dotnet build -c Release "$root/src/PrunAdag.Cli" > /dev/null
cli=(dotnet "$root/src/PrunAdag.Cli/bin/Release/net10.0/PrunAdag.Cli.dll" reproduce neural --data "$data")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() { local name="$1"; shift; "${cli[@]}" "$@" --out "$work/$name" > "$work/$name.log"; echo "record-neural-docs: $name done" >&2; }

run default
cp "$work/default/table.md" "$docs/neural.md"
run a9a --problems a9a-logistic
cp "$work/a9a/table.md" "$docs/neural-a9a.md"

sensitivity=(
  "--methods v1,v2,v3,v4,adagrad --option step-scale=0.03"
  "--methods v1,v2,v3,v4,adagrad --option step-scale=0.1"
  "--methods v1,v3,v4 --option relevant-scope=perblock"
  "--methods sfw --option radius-factor=0.3"
  "--methods sfw --option radius-factor=3"
  "--methods adam,masked-adam --option learning-rate=0.003"
)
page="$work/neural-sensitivity.md"
printf '# neural: sensitivity runs (same seeds 1..3, 10 epochs, one setting changed each)\n\n' > "$page"
i=0
for args in "${sensitivity[@]}"; do
  i=$((i + 1))
  # shellcheck disable=SC2086 # each entry is a list of options
  run "sensitivity-$i" $args
  printf '\n' >> "$page"
  sed -e 's/^# /### /' -e 't' -e 's/^\(##*\) /#\1 /' "$work/sensitivity-$i/table.md" >> "$page"
done
cp "$page" "$docs/neural-sensitivity.md"
echo "record-neural-docs: wrote $docs/neural.md, neural-a9a.md and neural-sensitivity.md" >&2
