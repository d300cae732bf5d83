# shellcheck shell=bash
# Terraform Enterprise node: the fail-back fence (DR-5) of a DR pair's primary. Sourced by tfe-boot.sh; the variables
# come from /etc/tfe/node.conf (FENCE_REGION, FENCE_ALARM and FENCE_OVERRIDE_PARAMETER, empty outside a DR primary).
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

# Before TFE starts, read the DR region's latch alarm <prefix>-<dr>-standby-intact (a CloudWatch read in the DR region:
# neither this region's control planes nor us-east-1):
#   OK                       -> the standby is still a standby: start.
#   ALARM                    -> the standby was promoted or restored: this database is stale; never start (fail, with
#                               the reason), until a person fails back (docs/disaster-recovery.md).
#   INSUFFICIENT_DATA, no    -> unknown: ask again until the boot deadline, then fail closed. Two writers cannot be
#   answer, alarm missing       undone; a node that waits only waits.
# The one way past a closed fence is the operator's override: the SSM parameter FENCE_OVERRIDE_PARAMETER (this region)
# set to "start-once". It is read only when the fence would not open, logged, and deleted before TFE starts, so it
# lets exactly one boot through.
fence_check() {
  local answer state tries=0 reason
  [ -n "$FENCE_ALARM" ] || return 0
  while true; do
    if [ "$tries" -gt 0 ]; then
      if past_deadline; then
        fence_override "$reason" && return 0
        fail "fenced: the state of the DR standby is unknown ($reason) after $BOOT_DEADLINE_SECONDS seconds of boot; not starting TFE against a database that may be stale (fail closed; docs/disaster-recovery.md)"
      fi
      sleep "$POLL_SECONDS"
    fi
    tries=$((tries + 1))
    if ! answer=$(aws cloudwatch describe-alarms --region "$FENCE_REGION" --alarm-names "$FENCE_ALARM" --output json); then
      reason="alarm $FENCE_ALARM in $FENCE_REGION cannot be read"
      log "fence: wait: $reason; retrying"
      continue
    fi
    state=$(jq --raw-output '[.MetricAlarms[]?.StateValue] | first // "MISSING"' <<<"$answer")
    case "$state" in
      OK)
        log "fence: open: alarm $FENCE_ALARM in $FENCE_REGION is OK (the DR standby is still a standby)"
        return 0
        ;;
      ALARM)
        reason="$FENCE_REGION standby promoted (alarm $FENCE_ALARM in ALARM)"
        fence_override "$reason" && return 0
        fail "fenced: $reason; fail back per docs/disaster-recovery.md"
        ;;
      *)
        reason="alarm $FENCE_ALARM in $FENCE_REGION is $state"
        log "fence: wait: $reason; retrying"
        ;;
    esac
  done
}

# The operator's explicit override: true (and the parameter deleted) when it says start-once.
fence_override() {
  local value
  value=$(aws ssm get-parameter --region "$REGION" --name "$FENCE_OVERRIDE_PARAMETER" --output json 2>/dev/null \
    | jq --raw-output '.Parameter.Value // empty') || value=""
  [ "$value" = start-once ] || return 1
  # Deleted before TFE starts: if the delete fails, the override could open the fence twice, so it does not count.
  if ! aws ssm delete-parameter --region "$REGION" --name "$FENCE_OVERRIDE_PARAMETER" --output json >/dev/null; then
    log "fence: override $FENCE_OVERRIDE_PARAMETER found but could not be deleted; ignoring it"
    return 1
  fi
  log "fence: OVERRIDE: $FENCE_OVERRIDE_PARAMETER = start-once (deleted, used once); starting TFE although $1"
  return 0
}
