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
if [ -f eng/pack-local.sh ]; then bash eng/pack-local.sh || exit 1; fi
dotnet test PrunAdag.Interactive.sln -c Release --no-build 2>&1 | tee "$log" || status=$?
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
