#!/bin/bash
# The node watchdog (OPS-3), installed as /usr/local/bin/tfe-watchdog and run by tfe-watchdog.service once TFE is up:
# replaces this node when it is itself broken, and never because a shared dependency is down.
#
# The Auto Scaling group checks EC2 health only; the load balancer keeps probing TFE's health endpoint (readiness,
# which checks storage, Redis, the database and Vault) and only takes a node out of rotation. This watchdog probes the
# same endpoint on this node every POLL_SECONDS:
#   - any HTTP answer (200, or 503 while a dependency is down): TFE's process is alive here; a dependency outage makes
#     every node answer 503 at once, and replacing them would not bring the dependency back. Nothing is done.
#   - no HTTP answer at all (refused, timeout, TLS failure), WATCHDOG_FAILURES times in a row (about five minutes):
#     this node's TFE is dead or hung. Internal NLB: its IP target is deregistered first (no stale target); then the
#     instance is marked Unhealthy, so the group replaces it (respecting the health check grace period).
set -uo pipefail
# shellcheck source=/dev/null # written by the user data
source /etc/tfe/node.conf
# shellcheck disable=SC2154 # the upper-case variables are declared in /etc/tfe/node.conf (rendered by the library)
imds() {
  local token
  token=$(curl --silent --fail --request PUT http://169.254.169.254/latest/api/token \
    --header 'X-aws-ec2-metadata-token-ttl-seconds: 300') || return 1
  curl --silent --fail --header "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}

failures=0 last=""
while true; do
  code=$(curl --silent --insecure --output /dev/null --write-out '%{http_code}' --max-time "$PROBE_TIMEOUT_SECONDS" \
    --resolve "$TFE_HOSTNAME:443:127.0.0.1" "https://$TFE_HOSTNAME$HEALTH_PATH") || code=000
  if [ "$code" != 000 ]; then
    if [ "$code" != "$last" ]; then
      if [ "$code" = 200 ]; then
        echo "tfe-watchdog: TFE answers HTTP 200 at $HEALTH_PATH"
      else
        echo "tfe-watchdog: TFE answers HTTP $code at $HEALTH_PATH: alive, not ready (a shared dependency may be down); the load balancer takes this node out of rotation, the group keeps it"
      fi
    fi
    failures=0 last="$code"
  else
    failures=$((failures + 1)) last=000
    echo "tfe-watchdog: no answer from TFE at $HEALTH_PATH ($failures of $WATCHDOG_FAILURES)"
    if [ "$failures" -ge "$WATCHDOG_FAILURES" ]; then
      instance_id=$(imds instance-id)
      if [ -n "$TARGET_GROUP_ARN" ]; then
        aws elbv2 deregister-targets --region "$REGION" --target-group-arn "$TARGET_GROUP_ARN" \
          --targets "Id=$(imds local-ipv4),Port=443" --output json >/dev/null \
          || echo "tfe-watchdog: could not deregister this node's target (its shutdown tries again)"
      fi
      echo "tfe-watchdog: TFE on this node is dead or hung; marking $instance_id Unhealthy so the group replaces it"
      aws autoscaling set-instance-health --region "$REGION" --instance-id "$instance_id" --health-status Unhealthy \
        --output json >/dev/null && exit 0
      echo "tfe-watchdog: set-instance-health failed; trying again"
    fi
  fi
  sleep "$POLL_SECONDS"
done
