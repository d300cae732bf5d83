#!/usr/bin/env bash
# Times each sample's synth against an empty C# CDK app (the floor: .NET + jsii + Node start-up and one trivial
# stack), and the test suite, and prints a Markdown table of medians.
#
#   bash bench/run.sh                 (5 runs of each)
#   BENCH_RUNS=10 bash bench/run.sh > bench.md
#
# Progress goes to stderr, the table to stdout. Builds once in Release first; nothing is timed while building.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${BENCH_RUNS:-5}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_RUNS must be a positive integer" >&2; exit 2; }
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1 \
  JSII_SILENCE_WARNING_KNOWN_BROKEN_NODE_VERSION=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=18,20,22,24
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

samples=()
for dir in samples/*/; do
  name="$(basename "$dir")"
  [[ -f "$dir$name.csproj" ]] && samples+=("$name")
done

echo "bench: building in Release (not timed)" >&2
dotnet build Tfe.Cdk.sln -c Release --nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
for project in bench/EmptyApp "${samples[@]/#/samples/}"; do
  dotnet build "$project" -c Release --nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done

# time_runs LABEL COMMAND...: runs COMMAND $runs times (output discarded) and appends "LABEL median min max" to rows.
rows=()
time_runs() {
  local label="$1"; shift
  local times=() i start end
  for ((i = 1; i <= runs; i++)); do
    rm -rf "$work/out"
    start="$(date +%s.%N)"
    CDK_OUTDIR="$work/out" "$@" >"$work/run.log" 2>&1 || { echo "bench: $label failed:" >&2; cat "$work/run.log" >&2; exit 1; }
    end="$(date +%s.%N)"
    times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')")
  done
  local stats
  stats="$(printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%.2f %.2f %.2f", m, t[1], t[NR] }')"
  echo "bench: $label: median/min/max $stats s over $runs run(s)" >&2
  rows+=("$label $stats")
}

time_runs "EmptyApp" dotnet bench/EmptyApp/bin/Release/net10.0/EmptyApp.dll
for name in "${samples[@]}"; do
  time_runs "$name" dotnet "samples/$name/bin/Release/net10.0/$name.dll"
done
[[ ${#samples[@]} -gt 0 ]] || echo "bench: no sample under samples/*/ yet" >&2
time_runs "tests" dotnet test Tfe.Cdk.sln --no-build -c Release --nologo

floor="$(cut -d' ' -f2 <<<"${rows[0]}")"
echo "| What | Median (s) | Min (s) | Max (s) | × empty app |"
echo "| --- | ---: | ---: | ---: | ---: |"
for row in "${rows[@]}"; do
  read -r label median min max <<<"$row"
  case "$label" in
    EmptyApp) what="Empty C# CDK app synth (floor)"; ratio="1.00" ;;
    tests) what="Test suite (\`dotnet test --no-build -c Release\`)"; ratio="–" ;;
    *) what="\`samples/$label\` synth"; ratio="$(awk -v a="$median" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')" ;;
  esac
  echo "| $what | $median | $min | $max | $ratio |"
done
echo
echo "$runs run(s) each on $(nproc) cores, $(dotnet --version) SDK, Node $(node --version); built once in Release, then timed with date +%s.%N."
