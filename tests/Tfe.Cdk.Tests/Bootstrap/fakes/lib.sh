# shellcheck shell=bash
# Shared by the fakes of the bootstrap harness (docs/bootstrap-harness.md): the call log, the scenario's knobs and its
# response sequences. Sourced by every fake, never run. The paths are where the harness mounts them in the sandbox.

readonly HARNESS_DIR=/run/harness
readonly SCENARIO="$HARNESS_DIR/scenario"
readonly STATE="$HARNESS_DIR/out/state"
readonly CALL_LOG="$HARNESS_DIR/out/calls.log"

# Knobs: FAKE_*=value lines the harness writes (see docs/bootstrap-harness.md for the list).
if [[ -f "$SCENARIO/knobs" ]]; then
  # shellcheck source=/dev/null
  source "$SCENARIO/knobs"
fi

# Appends this call to the call log: one line per call, the program's name then each argument, tab-separated, with
# backslash, tab and newline escaped as \\, \t and \n.
record() {
  local line arg
  line="${0##*/}"
  for arg in "$@"; do
    arg="${arg//\\/\\\\}"
    arg="${arg//$'\t'/\\t}"
    line+=$'\t'"${arg//$'\n'/\\n}"
  done
  printf '%s\n' "$line" >>"$CALL_LOG"
}

# A scenario path as one file name (secret ARNs, IPs): every character but [A-Za-z0-9._-] becomes _.
key_of() {
  printf '%s' "${1//[^A-Za-z0-9._-]/_}"
}

# Prints the next response of a sequence file: its first line on the first call, the second on the second, ...; the
# last line answers every call after that. A one-line file is a fixed answer. No trailing newline (as IMDS answers).
next_response() {
  local file="$1" counter n lines
  counter="$STATE/sequence.$(key_of "$file")"
  n=0
  [[ ! -f "$counter" ]] || read -r n <"$counter"
  n=$((n + 1))
  echo "$n" >"$counter"
  mapfile -t lines <"$file"
  [[ ${#lines[@]} -gt 0 ]] || return 0
  [[ "$n" -le ${#lines[@]} ]] || n=${#lines[@]}
  printf '%s' "${lines[n - 1]}"
}

# True when the comma-separated list $1 names $2 (for example FAKE_DOCKER_FAILS="pull,network create").
listed() {
  [[ ",$1," == *",$2,"* ]]
}

# Stops the fake on something it was not taught, loudly: a silent guess would prove nothing.
unsupported() {
  echo "fake ${0##*/}: unsupported: $* (teach the fake in tests/Tfe.Cdk.Tests/Bootstrap/fakes/${0##*/})" >&2
  exit 2
}
