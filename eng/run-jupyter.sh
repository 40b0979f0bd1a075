#!/usr/bin/env bash
# Runs the tutorial notebooks (notebooks/*.ipynb) headless in Jupyter with the .NET (C#) kernel, as
# `jupyter nbconvert --to notebook --execute`, against the package packed from this checkout, then checks
# the executed notebooks (eng/check-notebooks.py: no error, no value shown twice, no progress display left,
# plotly.js inline exactly once). Any failing cell or check fails the script.
#
# Needs: eng/pack-local.sh run first; Jupyter (Debian: apt-get install -y jupyter-nbconvert python3-ipykernel
# jupyter-client); the .NET kernel (dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001
# && dotnet interactive jupyter install); a warm NuGet cache or NuGet access for the packages' dependencies;
# the shared data folder for notebook 05 (<repo>/../shared/data or $PRUNADAG_DATA).
#
# Usage: bash eng/run-jupyter.sh [--offline] [NOTEBOOK.ipynb ...]   (default: every notebooks/*.ipynb, in order)
#   --offline: run each notebook in a network namespace of its own with only the loopback interface (needs root
#              and unshare), which shows the kernel, the package restore from the local feed and NuGet cache,
#              and the charts need no network at all.
# Outputs: artifacts/notebooks/jupyter/in/NAME.ipynb (what ran), artifacts/notebooks/jupyter/out/NAME.ipynb
#          (with outputs), artifacts/notebooks/jupyter/out/NAME.log (nbconvert's console).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/artifacts/notebooks/jupyter"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The kernel's command line is `dotnet interactive jupyter ...`: the global tool must be on PATH.
export PATH="$PATH:${DOTNET_TOOLS:-$HOME/.dotnet/tools}"

offline=0
notebooks=()
for arg in "$@"; do
  case "$arg" in
    --offline) offline=1 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-jupyter: unknown option '$arg' (expected --offline or notebook paths)" >&2; exit 2 ;;
    *) notebooks+=("$arg") ;;
  esac
done
isolate=()
if [ "$offline" -eq 1 ]; then
  if ! unshare -n true 2>/dev/null || ! command -v ip >/dev/null 2>&1; then
    echo "run-jupyter: --offline needs root, unshare and ip (iproute2) to give each run a network namespace." >&2
    exit 1
  fi
  # A new network namespace has no interface but a downed loopback; the kernel talks to Jupyter over 127.0.0.1.
  isolate=(unshare -n sh -c 'ip link set lo up && exec "$@"' isolated)
fi

command -v jupyter >/dev/null 2>&1 || { echo "run-jupyter: 'jupyter' not found; install jupyter-nbconvert python3-ipykernel jupyter-client (Debian)." >&2; exit 1; }
kernels="$(jupyter kernelspec list 2>/dev/null || true)"
if ! grep -q '\.net-csharp' <<< "$kernels"; then
  echo "run-jupyter: the .NET (C#) Jupyter kernel is not installed; run" >&2
  echo "  dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001 && dotnet interactive jupyter install" >&2
  exit 1
fi

rm -rf "$work"
mkdir -p "$work/in" "$work/out"
bash "$root/eng/prepare-notebooks.sh" "$work/in" ${notebooks[@]+"${notebooks[@]}"}

failed=()
for nb in "$work"/in/*.ipynb; do
  name="$(basename "$nb")"
  log="$work/out/${name%.ipynb}.log"
  start=$(date +%s)
  status=0
  # The kernel starts in the notebook's folder; the data folder is found walking up from there.
  timeout 900 ${isolate[@]+"${isolate[@]}"} jupyter nbconvert --to notebook --execute "$nb" --output-dir "$work/out" \
    --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=600 \
    --ExecutePreprocessor.startup_timeout=180 > "$log" 2>&1 || status=$?
  seconds=$(( $(date +%s) - start ))
  if [ "$status" -ne 0 ] || [ ! -f "$work/out/$name" ]; then
    echo "FAIL $name (${seconds}s): nbconvert exit code $status; see $log"
    grep -E -m 5 'Error|Exception|error CS' "$log" | cut -c1-400 | sed 's/^/    /' || true
    failed+=("$name")
  elif ! python3 "$root/eng/check-notebooks.py" --executed "$work/out/$name" > "$work/out/${name%.ipynb}.check" 2>&1; then
    echo "FAIL $name (${seconds}s): output checks"
    sed 's/^/  /' "$work/out/${name%.ipynb}.check"
    failed+=("$name")
  else
    echo "ok   $name (${seconds}s, Jupyter$([ "$offline" -eq 1 ] && echo ', no network'))"
  fi
done

total=$(ls "$work"/in/*.ipynb | wc -l)
echo "run-jupyter: $(( total - ${#failed[@]} )) of $total notebook(s) ran in Jupyter without errors and passed the output checks"
if [ ${#failed[@]} -ne 0 ]; then
  echo "run-jupyter: failed: ${failed[*]}" >&2
  exit 1
fi
