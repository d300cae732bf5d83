#!/bin/bash
# Draining (OPS-3), installed as /usr/local/bin/tfe-drain-watch and run by tfe-drain-watch.service: when the Auto
# Scaling group moves this node to Terminating:Wait, stop taking new work, let active runs finish (at most
# DRAIN_TIMEOUT_SECONDS), then let the termination continue.
set -uo pipefail
# shellcheck source=/dev/null # written by the user data
source /etc/tfe/node.conf
# shellcheck disable=SC2154 # POLL_SECONDS, DRAIN_TIMEOUT_SECONDS, DRAIN_HOOK_NAME, CONTAINER_NAME: /etc/tfe/node.conf
imds() {
  local token
  token=$(curl --silent --fail --request PUT http://169.254.169.254/latest/api/token \
    --header 'X-aws-ec2-metadata-token-ttl-seconds: 300') || return 1
  curl --silent --fail --header "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}
until [ "$(imds autoscaling/target-lifecycle-state)" = "Terminated" ]; do
  sleep "$POLL_SECONDS"
done
echo "Lifecycle hook: draining this TFE node"
timeout "$DRAIN_TIMEOUT_SECONDS" docker exec "$CONTAINER_NAME" tfectl node drain || echo "Drain did not finish in time"
aws autoscaling complete-lifecycle-action --region "$(imds placement/region)" \
  --auto-scaling-group-name "$(imds tags/instance/aws:autoscaling:groupName)" \
  --lifecycle-hook-name "$DRAIN_HOOK_NAME" --instance-id "$(imds instance-id)" --lifecycle-action-result CONTINUE
