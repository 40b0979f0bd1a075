#!/usr/bin/env bash
# Writes copies of the tutorial notebooks that load the package packed from this checkout instead of the
# published one. Used by eng/run-notebooks.sh (dotnet-repl) and eng/run-jupyter.sh (Jupyter); run it alone
# to open the copies in VS Code or Jupyter.
#
# Usage: bash eng/prepare-notebooks.sh OUTDIR [NOTEBOOK.ipynb ...]     (default: every notebooks/*.ipynb)
# Needs: eng/pack-local.sh run first (artifacts/feed/version.txt and the .nupkg files).
#
# Each notebook's first code cell is the user's line
#   #r "nuget:PrunAdag.Interactive"
# The copy in OUTDIR has that line replaced by
#   #i "nuget:<repo>/artifacts/feed"
#   #r "nuget:PrunAdag.Interactive,<version from version.txt>"
# The version is a unique prerelease per pack, so the NuGet cache can never serve an older build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/artifacts/feed"

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
if [ $# -lt 1 ]; then usage >&2; exit 2; fi
if [ "$1" = "-h" ] || [ "$1" = "--help" ]; then usage; exit 0; fi
out="$1"; shift
notebooks=()
for arg in "$@"; do notebooks+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")"); done
if [ ${#notebooks[@]} -eq 0 ]; then notebooks=("$root"/notebooks/*.ipynb); fi

if [ ! -f "$feed/version.txt" ]; then
  echo "prepare-notebooks: $feed/version.txt not found; run 'bash eng/pack-local.sh' first." >&2
  exit 1
fi
version="$(tr -d '[:space:]' < "$feed/version.txt")"
if [ ! -f "$feed/PrunAdag.Interactive.$version.nupkg" ]; then
  echo "prepare-notebooks: $feed/PrunAdag.Interactive.$version.nupkg not found; run 'bash eng/pack-local.sh' again." >&2
  exit 1
fi
case "$feed" in
  *[\"\\]*) echo "prepare-notebooks: the feed path '$feed' contains a quote or backslash, which the notebook line cannot hold." >&2; exit 1 ;;
esac

mkdir -p "$out"
for nb in "${notebooks[@]}"; do
  [ -f "$nb" ] || { echo "prepare-notebooks: no such notebook: $nb" >&2; exit 2; }
  name="$(basename "$nb")"
  # The line appears in the .ipynb JSON as "#r \"nuget:PrunAdag.Interactive\"" inside a source string.
  count="$(grep -c '#r \\"nuget:PrunAdag.Interactive\\"' "$nb" || true)"
  if [ "$count" != "1" ]; then
    echo "prepare-notebooks: $name must contain the line #r \"nuget:PrunAdag.Interactive\" exactly once (found $count)." >&2
    exit 1
  fi
  sed "s|#r \\\\\"nuget:PrunAdag.Interactive\\\\\"|#i \\\\\"nuget:$feed\\\\\"\\\\n#r \\\\\"nuget:PrunAdag.Interactive,$version\\\\\"|" "$nb" > "$out/$name"
  grep -q "PrunAdag.Interactive,$version" "$out/$name" || { echo "prepare-notebooks: could not rewrite the package line of $name." >&2; exit 1; }
done
echo "prepare-notebooks: ${#notebooks[@]} notebook(s) in $out load PrunAdag.Interactive $version from $feed"
