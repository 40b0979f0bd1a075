#!/usr/bin/env bash
# Records the cross-machine reference runs (tests/PrunAdag.CrossIsa.Tests/reference-runs.txt): the probe's whole runs
# (tests/PrunAdag.IsaProbe, 60 iterations each) on this machine, with its platform and CPU. The test
# Every_run_gives_the_bits_recorded_on_the_reference_machine compares every other machine of the same platform with them.
# Rerecord only for a change that is meant to move bits (and say so in CHANGELOG.md), or when a method or problem is
# added to the probe; a difference nobody meant is a fault to find, not a file to rewrite.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/PrunAdag.IsaProbe -c Release -v quiet -nologo >/dev/null
out=tests/PrunAdag.CrossIsa.Tests/reference-runs.txt
runs=$(dotnet tests/PrunAdag.IsaProbe/bin/Release/net10.0/PrunAdag.IsaProbe.dll 60)
# The probe's whole output (isa, threads, platform, cpu, then one line per run) after comment lines.
{
  echo "# The probe's runs (tests/PrunAdag.IsaProbe, 60 iterations), recorded by eng/record-reference-runs.sh on"
  echo "# $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)."
  echo "# Each run line: problem, method, iterations, stop reason, ‖g_K‖'s bits, SHA-256 of every result bit (x_K, trace,"
  echo "# kept iterates, pruning profile). Rerecord only for a change meant to move bits; see the script."
  echo "$runs"
} > "$out"
echo "wrote $out ($(sed -n '5,$p' <<< "$runs" | wc -l) runs; $(sed -n 4p <<< "$runs"))"
