#!/usr/bin/env bash
# Runs a C# file-based app of examples/ (`dotnet run app.cs`) against the packages packed from this checkout,
# with no nuget.config to write by hand and no version to copy.
#
# Usage: bash eng/run-example.sh examples/NAME.cs [ARGS...]      run one example (ARGS go to the app)
#        bash eng/run-example.sh --all                           run every examples/*.cs (what CI does)
#
# For each example it writes artifacts/examples/NAME/ holding
#   NAME.cs                   the example with its "#:package PrunAdag.Charts@..." line pinned to the local version
#   nuget.config              the local feed artifacts/feed added to your usual package sources
#   Directory.Build.props,    empty / central versions off, so the app does not take the repository's build settings
#   Directory.Packages.props
# then runs `dotnet run` on that copy. ARGS go to the app as typed, and a relative path in them is taken from where
# you run the script; with no ARGS the app is given that folder, so its outputs land there.
# Packs the feed first (eng/pack-local.sh) when artifacts/feed/version.txt is missing.
# With --all, each app must exit 0 and every "report: PATH", "csv: PATH" or "result: PATH" line it prints must
# name a file that exists; the script exits 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/artifacts/feed"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  [ $# -ge 1 ] && exit 0 || exit 2
fi

if [ ! -f "$feed/version.txt" ]; then
  echo "run-example: no local feed yet; packing it (bash eng/pack-local.sh)" >&2
  bash "$root/eng/pack-local.sh" >&2
fi
version="$(tr -d '[:space:]' < "$feed/version.txt")"

# Writes artifacts/examples/NAME and prints that folder.
prepare() {
  local source="$1" name dir
  name="$(basename "$source" .cs)"
  dir="$root/artifacts/examples/$name"
  grep -q '^#:package PrunAdag\.[A-Za-z.]*@' "$source" || { echo "run-example: $source has no '#:package PrunAdag...@VERSION' line." >&2; return 1; }
  rm -rf "$dir"
  mkdir -p "$dir"
  sed -E "s|^(#:package PrunAdag(\.[A-Za-z]+)*)@[^[:space:]]+|\1@$version|" "$source" > "$dir/$name.cs"
  cat > "$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="prunadag-local" value="$feed" />
  </packageSources>
</configuration>
XML
  printf '<Project>\n</Project>\n' > "$dir/Directory.Build.props"
  printf '<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n' > "$dir/Directory.Packages.props"
  echo "$dir"
}

if [ "$1" != "--all" ]; then
  source="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  shift
  [ -f "$source" ] || { echo "run-example: no such file: $source" >&2; exit 2; }
  dir="$(prepare "$source")"
  # From the caller's folder, so that a relative OUTPUT_FOLDER is the caller's (the copy's nuget.config is found from the
  # app's own folder); the examples take their output folder as the first argument.
  [ $# -eq 0 ] && set -- "$dir"
  exec dotnet run "$dir/$(basename "$source")" -- "$@"
fi

failed=()
for source in "$root"/examples/*.cs; do
  name="$(basename "$source" .cs)"
  dir="$(prepare "$source")"
  log="$dir/run.log"
  start=$(date +%s)
  status=0
  (cd "$dir" && timeout 600 dotnet run "$name.cs") > "$log" 2>&1 || status=$?
  seconds=$(( $(date +%s) - start ))
  missing=0
  while IFS= read -r path; do
    [ -f "$path" ] || { echo "    $name printed '$path', which does not exist"; missing=1; }
  done < <(sed -n -E 's/^(report|csv|result): (.*)$/\2/p' "$log")
  written="$(grep -c -E '^(report|csv|result): ' "$log" || true)"
  if [ "$status" -ne 0 ] || [ "$missing" -ne 0 ] || [ "$written" = "0" ]; then
    echo "FAIL examples/$name.cs (${seconds}s): exit code $status, $written file(s) reported; see $log"
    tail -n 15 "$log" | sed 's/^/    /'
    failed+=("$name")
  else
    echo "ok   examples/$name.cs (${seconds}s): $(sed -n -E 's/^(report|csv|result): (.*)$/\2/p' "$log" | xargs -n1 basename | tr '\n' ' ')"
  fi
done
total=$(ls "$root"/examples/*.cs | wc -l)
echo "run-example: $(( total - ${#failed[@]} )) of $total example(s) ran (PrunAdag.Charts $version from artifacts/feed)"
[ ${#failed[@]} -eq 0 ]
