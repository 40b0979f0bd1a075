#!/usr/bin/env bash
# The project's test command (README "Tests"): restores, builds Release, packs the notebook
# packages to a local feed, runs every test project, then the hosts: the tutorial notebooks in Jupyter
# (background) and in dotnet-repl with their output checks, and the example file-based apps.
# Ends with one summary line "tests: N passed, N failed, N skipped", the sums of the dotnet test summaries.
# Tests that need the real data files (README "Tests") skip when the files are absent, and fail when CI=true.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
status=0
t0=$(date +%s)
dotnet restore PrunAdag.Interactive.sln || exit 1
dotnet build PrunAdag.Interactive.sln -c Release --no-restore || exit 1
dotnet tool restore || exit 1            # dotnet-repl, the real notebook host
bash eng/pack-local.sh || exit 1         # PrunAdag, PrunAdag.Charts, PrunAdag.Interactive -> artifacts/feed
dotnet test PrunAdag.Interactive.sln -c Release --no-build 2>&1 | tee "$log" || status=$?
# Host runs: each tutorial notebook in Jupyter and in dotnet-repl, each example app; one test each, counted
# from the runners' "ok"/"FAIL" lines. A failing cell, output check or app fails the build.
count_host() { # $1 = label, $2 = runner log, $3 = runner exit code
  local ok bad
  ok=$(grep -c '^ok ' "$2" || true); bad=$(grep -c '^FAIL ' "$2" || true)
  if [ "$3" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
  echo "$1: Passed: $ok, Failed: $bad" | tee -a "$log"
  if [ "$bad" -ne 0 ]; then status=1; fi
}
stage() { echo "== $1 ($(( $(date +%s) - t0 )) s since the start)"; }
# Jupyter (nbconvert --execute with the .NET kernel) runs in the background, beside the narrower-ISA core
# runs below and the dotnet-repl run, to keep the wall time low on 2 cores.
jupyter_log=$(mktemp); jupyter_pid=""
export PATH="$PATH:$HOME/.dotnet/tools"
if command -v jupyter >/dev/null 2>&1 && grep -q '\.net-csharp' <<< "$(jupyter kernelspec list 2>/dev/null)"; then
  stage "Jupyter notebooks (background)"
  # Offline (a network namespace with only loopback) where the machine allows it, to show nothing is fetched.
  offline=""; if unshare -n true 2>/dev/null && command -v ip >/dev/null 2>&1; then offline="--offline"; fi
  ( start=$(date +%s); bash eng/run-jupyter.sh $offline; rc=$?; echo "jupyter: $(( $(date +%s) - start )) s"; exit $rc ) > "$jupyter_log" 2>&1 &
  jupyter_pid=$!
elif [ "${CI:-}" = "true" ]; then
  echo "Jupyter or its .NET (C#) kernel is missing; .ci/run installs them (CI=true, so this fails)." | tee -a "$log"
  echo "Jupyter: Failed: 1" >> "$log"; status=1
else
  echo "Jupyter notebooks skipped: jupyter or the .NET (C#) kernel is not installed (see docs/notebooks.md)."
fi
# The kernels pick 512-bit, 256-bit, 128-bit or scalar code from what the CPU has, and promise the same bits on
# every machine: run the core tests again with the runtime held to each narrower instruction set. (Whole runs are
# compared across instruction sets and thread counts by tests/PrunAdag.CrossIsa.Tests, in the solution run above:
# it starts one process per instruction set itself.)
for isa in DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableHWIntrinsic=0; do
  echo "Core tests with $isa"
  env "$isa" dotnet test tests/PrunAdag.Tests -c Release --no-build 2>&1 | tee -a "$log" || status=$?
done

stage "dotnet-repl notebooks"
repl_log=$(mktemp)
( start=$(date +%s); bash eng/run-notebooks.sh; rc=$?; echo "dotnet-repl: $(( $(date +%s) - start )) s"; exit $rc ) > "$repl_log" 2>&1; rc=$?
cat "$repl_log"; count_host "Notebooks in dotnet-repl" "$repl_log" "$rc"
stage "example apps"
examples_log=$(mktemp)
( start=$(date +%s); bash eng/run-example.sh --all; rc=$?; echo "examples: $(( $(date +%s) - start )) s"; exit $rc ) > "$examples_log" 2>&1; rc=$?
cat "$examples_log"; count_host "Example apps" "$examples_log" "$rc"
if [ -n "$jupyter_pid" ]; then
  stage "waiting for Jupyter"
  rc=0; wait "$jupyter_pid" || rc=$?
  cat "$jupyter_log"; count_host "Notebooks in Jupyter" "$jupyter_log" "$rc"
fi
rm -f "$repl_log" "$examples_log" "$jupyter_log"
stage "done"
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
