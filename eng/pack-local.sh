#!/usr/bin/env bash
# Packs PrunAdag, PrunAdag.Charts and PrunAdag.Interactive into ./artifacts/feed with a unique
# prerelease version, so `#r "nuget:PrunAdag.Interactive,<version>"` never gets a stale copy from
# the NuGet cache. Prints the version and writes it to artifacts/feed/version.txt.
# Usage: bash eng/pack-local.sh [version]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/artifacts/feed"
version="${1:-0.1.0-local.$(date -u +%Y%m%d%H%M%S).$$}"
rm -rf "$feed"
mkdir -p "$feed"
for project in PrunAdag PrunAdag.Charts PrunAdag.Interactive; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$feed" -p:Version="$version" --nologo -v quiet
done
for id in PrunAdag PrunAdag.Charts PrunAdag.Interactive; do
  test -f "$feed/$id.$version.nupkg" || { echo "pack-local: $feed/$id.$version.nupkg was not produced" >&2; exit 1; }
done
echo "$version" > "$feed/version.txt"
echo "$version"
