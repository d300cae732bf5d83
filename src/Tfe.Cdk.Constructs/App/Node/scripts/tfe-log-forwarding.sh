# shellcheck shell=bash
# Terraform Enterprise node: TFE's native log forwarding (LogForwarding, docs/monitoring.md "Log forwarding"). The user
# data writes the Fluent Bit [OUTPUT] section the library rendered (deploy-time names filled in by CloudFormation) to
# $LOG_FORWARDING_TEMPLATE; here the node puts its instance id in it, and run_tfe mounts the result read-only at
# $CONTAINER_LOG_FORWARDING_CONFIG, the path TFE_LOG_FORWARDING_CONFIG_PATH names. Sourced by tfe-boot.sh; the variables
# come from /etc/tfe/node.conf. With LOG_FORWARDING=false the function does nothing.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

readonly LOG_FORWARDING_TEMPLATE=/etc/tfe/log-forwarding.conf.in
readonly LOG_FORWARDING_FILE=/etc/tfe/log-forwarding.conf

# Before TFE starts. The file names no secret (a log group or bucket name, a region), so it is world-readable: TFE's
# Fluent Bit does not run as root. The bind mount exposes the file alone, not the 0700 /etc/tfe around it.
prepare_log_forwarding() {
  [ "$LOG_FORWARDING" = true ] || return 0
  [ -s "$LOG_FORWARDING_TEMPLATE" ] \
    || fail "log forwarding: $LOG_FORWARDING_TEMPLATE is missing or empty (the user data writes it)"
  sed -e "s|@INSTANCE_ID@|$instance_id|g" "$LOG_FORWARDING_TEMPLATE" > "$LOG_FORWARDING_FILE" \
    || fail "log forwarding: cannot write $LOG_FORWARDING_FILE"
  chmod 0644 "$LOG_FORWARDING_FILE"
  log "log forwarding: Fluent Bit [OUTPUT] in $LOG_FORWARDING_FILE, mounted read-only at $CONTAINER_LOG_FORWARDING_CONFIG"
}
