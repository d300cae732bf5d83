# shellcheck shell=bash
# Terraform Enterprise node: shared functions, sourced by tfe-boot.sh (installed by cfn-init in /usr/local/lib/tfe).
# The variables they read (REGION, STACK_NAME, ...) come from /etc/tfe/node.conf, which the user data writes.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

log() {
  echo "tfe-bootstrap: $*" >&2
}

fail() {
  echo "tfe-bootstrap: FAILED: $*" >&2
  exit 1
}

# Signals CloudFormation, retrying with backoff (2, 4, 8, 16 s): one throttled or failed call must not leave the stack
# waiting out its whole signal timeout. Never fails the caller (the EXIT trap calls it too).
signal() {
  local attempt delay=2
  for attempt in 1 2 3 4 5; do
    if /opt/aws/bin/cfn-signal --exit-code "$1" --stack "$STACK_NAME" --resource "$SIGNAL_RESOURCE" --region "$REGION"; then
      return 0
    fi
    if [ "$attempt" -lt 5 ]; then
      echo "tfe-bootstrap: cfn-signal failed (attempt $attempt of 5); retrying in $delay seconds" >&2
      sleep "$delay"
      delay=$((delay * 2))
    fi
  done
  echo "tfe-bootstrap: cfn-signal failed 5 times; CloudFormation will time out on this node" >&2
  return 0
}

on_exit() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    echo "TFE bootstrap failed with status $status (the reason is logged above); signalling failure" >&2
    signal "$status"
  fi
}

past_deadline() {
  [ "$SECONDS" -ge "$BOOT_DEADLINE_SECONDS" ]
}

secret_string() {
  aws secretsmanager get-secret-value --region "$REGION" --secret-id "$1" --query SecretString --output text \
    || fail "missing secret: cannot read $1 from Secrets Manager (deleted, or the node role may not read it)"
}

json_field() {
  jq --exit-status --raw-output --arg field "$1" '.[$field]' || fail "missing secret field: the secret has no '$1' field"
}

metadata() {
  local token
  token=$(curl --silent --show-error --fail --request PUT http://169.254.169.254/latest/api/token \
    --header 'X-aws-ec2-metadata-token-ttl-seconds: 300')
  curl --silent --show-error --fail --header "X-aws-ec2-metadata-token: $token" \
    "http://169.254.169.254/latest/meta-data/$1"
}

# Installs one of the node's systemd units (shipped next to these scripts) into /etc/systemd/system.
install_unit() {
  cat "$TFE_LIB/$1" > "/etc/systemd/system/$1"
}
