#!/usr/bin/env bash
# Times each sample's synth against an empty C# CDK app (the floor: .NET + jsii + Node start-up and one trivial
# stack), and the test suite, and prints a Markdown table of medians.
#
#   bash bench/run.sh                 (5 rounds)
#   BENCH_RUNS=10 bash bench/run.sh > bench.md
#   BENCH_ROUNDTRIPS=1 bash bench/run.sh     (adds each app's jsii round trips, from one extra run with JSII_DEBUG=1)
#   BENCH_PHASES=1 bash bench/run.sh         (adds each app's time split, from bench/Phases: see docs/checks.md)
#   BENCH_TESTS=0 bash bench/run.sh          (skips timing the test suite)
#
# The apps run in rounds (empty app, then each sample, then again), so a load that comes and goes on a shared machine
# hits every app alike; "x empty app" is the median of each round's own ratio (paired), and CPU is user + system time
# of the app and its Node processes. Progress goes to stderr, the table to stdout. Builds once in Release first;
# nothing is timed while building.
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

# run_once LABEL COMMAND...: one timed run; prints "wall cpu" (seconds; cpu = user + system, children included).
run_once() {
  local label="$1"; shift
  rm -rf "$work/out"
  local TIMEFORMAT='%R %U %S' t
  t="$( { time CDK_OUTDIR="$work/out" "$@" >"$work/run.log" 2>&1; } 2>&1 )" \
    || { echo "bench: $label failed:" >&2; cat "$work/run.log" >&2; exit 1; }
  awk '{ printf "%.3f %.3f", $1, $2 + $3 }' <<<"$t"
}

# median: of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

apps=(EmptyApp "${samples[@]}")
dll() { if [[ "$1" == EmptyApp ]]; then echo "bench/EmptyApp/bin/Release/net10.0/EmptyApp.dll"; else echo "samples/$1/bin/Release/net10.0/$1.dll"; fi; }
[[ ${#samples[@]} -gt 0 ]] || echo "bench: no sample under samples/*/ yet" >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
declare -A walls cpus ratios cpu_ratios
for ((round = 1; round <= runs; round++)); do
  floor_wall=""; floor_cpu=""
  for app in "${apps[@]}"; do
    read -r wall cpu <<<"$(run_once "$app" dotnet "$(dll "$app")")"
    walls[$app]+="$wall "; cpus[$app]+="$cpu "
    [[ -n "$floor_wall" ]] || { floor_wall="$wall"; floor_cpu="$cpu"; }
    ratios[$app]+="$(awk -v a="$wall" -v b="$floor_wall" 'BEGIN { printf "%.4f", a / b }') "
    cpu_ratios[$app]+="$(awk -v a="$cpu" -v b="$floor_cpu" 'BEGIN { printf "%.4f", a / b }') "
    echo "bench: round $round/$runs: $app ${wall} s wall, ${cpu} s CPU" >&2
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

declare -A trips
if [[ "${BENCH_ROUNDTRIPS:-0}" == 1 ]]; then
  for app in "${apps[@]}"; do
    rm -rf "$work/out"
    CDK_OUTDIR="$work/out" JSII_DEBUG=1 dotnet "$(dll "$app")" >/dev/null 2>"$work/jsii.log" \
      || { echo "bench: $app failed with JSII_DEBUG=1" >&2; exit 1; }
    trips[$app]="$(python3 bench/roundtrips.py --short "$work/jsii.log")"
    echo "bench: $app: ${trips[$app]}" >&2
  done
fi

tests_row=""
if [[ "${BENCH_TESTS:-1}" != 0 ]]; then
  test_walls=""
  for ((round = 1; round <= runs; round++)); do
    read -r wall _ <<<"$(run_once tests dotnet test Tfe.Cdk.sln --no-build -c Release --nologo)"
    test_walls+="$wall "
    echo "bench: tests run $round/$runs: $wall s" >&2
  done
  tests_row="| Test suite (\`dotnet test --no-build -c Release\`) | $(tr ' ' '\n' <<<"$test_walls" | grep . | median) | – | – | – |"
fi

header="| What | Wall median (s) | × empty app (paired, wall) | CPU median (s) | × empty app (paired, CPU) |"
rule="| --- | ---: | ---: | ---: | ---: |"
if [[ "${BENCH_ROUNDTRIPS:-0}" == 1 ]]; then header+=" jsii round trips |"; rule+=" --- |"; fi
echo "$header"
echo "$rule"
for app in "${apps[@]}"; do
  case "$app" in
    EmptyApp) what="Empty C# CDK app synth (floor)" ;;
    MultiRegionApp) what="\`samples/$app\` synth (three stacks)" ;;
    *) what="\`samples/$app\` synth" ;;
  esac
  row="| $what | $(tr ' ' '\n' <<<"${walls[$app]}" | grep . | median) | $(tr ' ' '\n' <<<"${ratios[$app]}" | grep . | median)"
  row+=" | $(tr ' ' '\n' <<<"${cpus[$app]}" | grep . | median) | $(tr ' ' '\n' <<<"${cpu_ratios[$app]}" | grep . | median) |"
  [[ "${BENCH_ROUNDTRIPS:-0}" != 1 ]] || row+=" ${trips[$app]} |"
  echo "$row"
done
[[ -z "$tests_row" ]] || echo "$tests_row$([[ "${BENCH_ROUNDTRIPS:-0}" == 1 ]] && echo ' – |')"
echo
echo "$runs round(s) on $(nproc) cores, load average $load_before before and $load_after after, $(dotnet --version) SDK, Node $(node --version); built once in Release, then timed with bash's time."

if [[ "${BENCH_PHASES:-0}" == 1 ]]; then
  dotnet build bench/Phases -c Release --nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  for app in "${apps[@]}"; do
    echo
    echo "$app, one run of bench/Phases (milliseconds):"
    echo
    rm -rf "$work/out"
    CDK_OUTDIR="$work/out" dotnet bench/Phases/bin/Release/net10.0/Phases.dll "$app" 2>/dev/null | sed 's/^/    /'
  done
fi
