#!/usr/bin/env bash
# The project's test command (README "Tests"): restores, builds Release, packs the notebook
# packages to a local feed when the package tests need them, and runs every test project.
# Ends with one summary line "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
status=0
dotnet restore PrunAdag.Interactive.sln || exit 1
dotnet build PrunAdag.Interactive.sln -c Release --no-restore || exit 1
dotnet tool restore || exit 1            # dotnet-repl, the real notebook host
bash eng/pack-local.sh || exit 1         # PrunAdag, PrunAdag.Charts, PrunAdag.Interactive -> artifacts/feed
dotnet test PrunAdag.Interactive.sln -c Release --no-build 2>&1 | tee "$log" || status=$?
# The kernels pick 512-bit, 256-bit, 128-bit or scalar code from what the CPU has, and promise the same bits on
# every machine: run the core tests again with the runtime held to each narrower instruction set. (Whole runs are
# compared across instruction sets and thread counts by tests/PrunAdag.CrossIsa.Tests, in the solution run above:
# it starts one process per instruction set itself.)
for isa in DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableHWIntrinsic=0; do
  echo "Core tests with $isa"
  env "$isa" dotnet test tests/PrunAdag.Tests -c Release --no-build 2>&1 | tee -a "$log" || status=$?
done
if [ -f eng/run-notebooks.sh ]; then
  # The tutorials, top to bottom in a real host; a failing cell fails the build (counted as one test).
  if bash eng/run-notebooks.sh 2>&1 | tee -a "$log"; then echo "Notebooks: Passed: 1" >> "$log"; else echo "Notebooks: Failed: 1" >> "$log"; status=1; fi
fi
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
