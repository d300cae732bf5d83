#!/bin/bash
# Draining (OPS-3), installed as /usr/local/bin/tfe-drain-watch and run by tfe-drain-watch.service: when the Auto
# Scaling group moves this node to Terminating:Wait, stop taking new work, wait until the node has drained (no run
# left on it) or DRAIN_TIMEOUT_SECONDS have passed, then let the termination continue.
set -uo pipefail
# shellcheck source=/dev/null # written by the user data
source /etc/tfe/node.conf
# shellcheck disable=SC2154 # POLL_SECONDS, DRAIN_TIMEOUT_SECONDS, DRAIN_HOOK_NAME, CONTAINER_NAME, RUN_NETWORK: node.conf
imds() {
  local token
  token=$(curl --silent --fail --request PUT http://169.254.169.254/latest/api/token \
    --header 'X-aws-ec2-metadata-token-ttl-seconds: 300') || return 1
  curl --silent --fail --header "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}

# The node's drain status, in the words of HashiCorp's node drain status reference: "draining" while a run is still
# on it, "standby" once it runs nothing (safe to terminate). The releases this library supports document no status
# command (tfectl node drain only starts the drain, in the background), so the node reads it where runs live: TFE
# starts every run container on the run network (TFE_RUN_PIPELINE_DOCKER_NETWORK), and none left there is standby.
# A failing docker answers "error", which is never standby.
drain_status() {
  local runs
  runs=$(docker ps --quiet --filter "network=$RUN_NETWORK") || { echo error; return; }
  if [ -n "$runs" ]; then
    echo draining
  else
    echo standby
  fi
}

until [ "$(imds autoscaling/target-lifecycle-state)" = "Terminated" ]; do
  sleep "$POLL_SECONDS"
done
echo "Lifecycle hook: draining this TFE node (at most $DRAIN_TIMEOUT_SECONDS seconds)"
SECONDS=0
timeout "$DRAIN_TIMEOUT_SECONDS" docker exec "$CONTAINER_NAME" tfectl node drain || echo "tfectl node drain failed or timed out; waiting for the runs anyway"
while true; do
  status=$(drain_status)
  if [ "$status" = standby ]; then
    echo "Drain status: standby (no run left on this node)"
    break
  fi
  if [ "$SECONDS" -ge "$DRAIN_TIMEOUT_SECONDS" ]; then
    echo "Drain did not finish in time: status $status after $SECONDS seconds; releasing the node"
    break
  fi
  echo "Drain status: $status"
  sleep "$POLL_SECONDS"
done
aws autoscaling complete-lifecycle-action --region "$(imds placement/region)" \
  --auto-scaling-group-name "$(imds tags/instance/aws:autoscaling:groupName)" \
  --lifecycle-hook-name "$DRAIN_HOOK_NAME" --instance-id "$(imds instance-id)" --lifecycle-action-result CONTINUE
