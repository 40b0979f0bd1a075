#!/usr/bin/env bash
# Runs the tutorial notebooks (notebooks/*.ipynb) headless in a real notebook host, dotnet-repl 0.3.259 from
# the local tool manifest, against the package packed from this checkout, then checks the saved notebooks
# (eng/check-notebooks.py: no error, no value shown twice, no progress display left, plotly.js inline exactly
# once). Any failing cell or check fails the script. eng/run-jupyter.sh does the same in Jupyter.
#
# Needs: eng/pack-local.sh run first (artifacts/feed/version.txt and the .nupkg files), the .NET 10 SDK,
# NuGet access for the packages' dependencies (or a warm NuGet cache), and the shared data folder
# (<repo>/../shared/data or $PRUNADAG_DATA) for notebook 05 (without it 05 falls back to synthetic data).
#
# Usage: bash eng/run-notebooks.sh [--prepare-only] [NOTEBOOK.ipynb ...]
#   default: every notebooks/*.ipynb, in order.
#   --prepare-only: only write the copies that load the local package (artifacts/notebooks/in), e.g. to open
#                   them in VS Code; nothing is executed.
# Outputs: artifacts/notebooks/in/NAME.ipynb (what ran), artifacts/notebooks/out/NAME.ipynb (with outputs),
#          artifacts/notebooks/out/NAME.log (dotnet-repl's console). Exit code 0 when every notebook ran clean.
#
# How the local package gets in: see eng/prepare-notebooks.sh (the #r line becomes #i <local feed> + #r with
# the unique version packed last).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/artifacts/notebooks"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

prepare_only=0
notebooks=()
for arg in "$@"; do
  case "$arg" in
    --prepare-only) prepare_only=1 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-notebooks: unknown option '$arg' (expected --prepare-only or notebook paths)" >&2; exit 2 ;;
    *) notebooks+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")") ;;
  esac
done
if [ ${#notebooks[@]} -eq 0 ]; then
  notebooks=("$root"/notebooks/*.ipynb)
fi

rm -rf "$work/in" "$work/out"
mkdir -p "$work/in" "$work/out"
bash "$root/eng/prepare-notebooks.sh" "$work/in" "${notebooks[@]}"
if [ "$prepare_only" -eq 1 ]; then
  exit 0
fi

(cd "$root" && dotnet tool restore >/dev/null) || { echo "run-notebooks: dotnet tool restore failed." >&2; exit 1; }

failed=()
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb")"
  out="$work/out/$name"
  log="$work/out/${name%.ipynb}.log"
  start=$(date +%s)
  status=0
  # Run from notebooks/ as a front end would (the tool manifest and ../shared/data are found walking up).
  (cd "$root/notebooks" && timeout 600 dotnet repl --run "$work/in/$name" --exit-after-run --output-path "$out") > "$log" 2>&1 || status=$?
  seconds=$(( $(date +%s) - start ))
  # dotnet-repl exits non-zero when a cell fails; error outputs in the saved notebook are checked too.
  errors=0
  if [ -f "$out" ]; then errors="$(grep -c '"output_type": "error"' "$out" || true)"; fi
  if [ "$status" -ne 0 ] || [ ! -f "$out" ] || [ "$errors" != "0" ]; then
    echo "FAIL $name (${seconds}s): exit code $status, $errors error output(s); see $log and $out"
    # The first error outputs (dotnet-repl prints little to the console with --exit-after-run).
    if [ -f "$out" ]; then grep -m 3 '"evalue"' "$out" | cut -c1-600 | sed 's/^ */    /'; fi
    tail -n 20 "$log" | sed 's/^/    /'
    failed+=("$name")
  elif ! python3 "$root/eng/check-notebooks.py" "$out" > "$work/out/${name%.ipynb}.check" 2>&1; then
    echo "FAIL $name (${seconds}s): output checks"
    sed 's/^/  /' "$work/out/${name%.ipynb}.check"
    failed+=("$name")
  else
    echo "ok   $name (${seconds}s, dotnet-repl)"
  fi
done

echo "run-notebooks: $(( ${#notebooks[@]} - ${#failed[@]} )) of ${#notebooks[@]} notebook(s) ran in dotnet-repl without errors and passed the output checks"
if [ ${#failed[@]} -ne 0 ]; then
  echo "run-notebooks: failed: ${failed[*]}" >&2
  exit 1
fi
