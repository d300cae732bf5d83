# shellcheck shell=bash
# Terraform Enterprise node: the boot gate (OPS-4, dated): never two releases on one database, never several nodes
# starting a fresh or upgraded database at once. Read-only: it describes the group and its instances, and probes peers'
# health endpoints. Sourced by tfe-boot.sh; the variables come from /etc/tfe/node.conf.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

# Boot gate (OPS-4): TFE starts only when
#   1. no instance of another launch template version (an older configuration or release) is left in the group,
#      in any state but Terminated; and
#   2. a peer of this version answers healthy (join), or the group lists DesiredCapacity instances of this version
#      and this one has the lowest instance id (the leader, which alone starts a fresh or upgraded database).
# Instances of this version that are terminating are neither peers nor blockers (same configuration, same release).
boot_gate() {
  local group group_json version desired others peers current count leader ip peer_ips_json tries=0
  local -a peer_ids peer_ips
  group=$(metadata tags/instance/aws:autoscaling:groupName)
  # Every turn tries once, then the deadline is checked before the next pause (as in the health wait): a node
  # that reaches the gate late still gets one look at its group.
  while true; do
    if [ "$tries" -gt 0 ]; then
      if past_deadline; then
        fail "boot gate timeout: no healthy peer and no leader start within $BOOT_DEADLINE_SECONDS seconds of boot (group $group)"
      fi
      sleep "$POLL_SECONDS"
    fi
    tries=$((tries + 1))
    if ! group_json=$(aws autoscaling describe-auto-scaling-groups --region "$REGION" --auto-scaling-group-names "$group" \
      --query 'AutoScalingGroups[0].{desired: DesiredCapacity, instances: Instances[].{id: InstanceId, state: LifecycleState, version: LaunchTemplate.Version}}' \
      --output json); then
      log "boot gate: describe-auto-scaling-groups failed; retrying"
      continue
    fi
    version=$(jq --raw-output --arg id "$instance_id" '[.instances[]? | select(.id == $id) | .version // empty] | first // empty' <<<"$group_json")
    desired=$(jq --raw-output '.desired // 0' <<<"$group_json")
    if [ -z "$version" ]; then
      log "boot gate: wait: instance $instance_id is not listed in group $group yet"
      continue
    fi
    others=$(jq --raw-output --arg v "$version" \
      '[.instances[]? | select(.version != $v and .state != "Terminated") | "\(.id) (version \(.version // "none"), \(.state))"] | join(", ")' <<<"$group_json")
    if [ -n "$others" ]; then
      log "boot gate: wait: instances of another configuration are still in the group: $others"
      continue
    fi
    current=$(jq --compact-output --arg v "$version" \
      '[.instances[]? | select(.version == $v and (.state | startswith("Terminat") | not)) | .id] | sort' <<<"$group_json")
    count=$(jq --raw-output 'length' <<<"$current")
    leader=$(jq --raw-output 'first // empty' <<<"$current")
    # The leader starts without probing its peers: it is the one they wait for.
    if [ "$count" -ge "$desired" ] && [ "$leader" = "$instance_id" ]; then
      log "boot gate: lead: $count of $desired instances of version $version are listed and $instance_id has the lowest id; starting first"
      return 0
    fi
    peers=$(jq --raw-output --arg v "$version" --arg id "$instance_id" \
      '[.instances[]? | select(.id != $id and .version == $v and (.state | startswith("Terminat") | not)) | .id] | join(" ")' <<<"$group_json")
    if [ -n "$peers" ]; then
      read -r -a peer_ids <<<"$peers"
      if peer_ips_json=$(aws ec2 describe-instances --region "$REGION" --instance-ids "${peer_ids[@]}" \
        --query 'Reservations[].Instances[].PrivateIpAddress' --output json); then
        mapfile -t peer_ips < <(jq --raw-output '.[] // empty' <<<"$peer_ips_json")
        for ip in "${peer_ips[@]}"; do
          if curl --silent --fail --insecure --output /dev/null --max-time "$PROBE_TIMEOUT_SECONDS" \
            --resolve "$TFE_HOSTNAME:443:$ip" "https://$TFE_HOSTNAME$HEALTH_PATH"; then
            log "boot gate: join: peer $ip of launch template version $version answers healthy"
            return 0
          fi
        done
      else
        log "boot gate: describe-instances failed for peers $peers; retrying"
      fi
    fi
    if [ "$count" -ge "$desired" ]; then
      log "boot gate: wait: leader $leader starts first; waiting for a healthy peer of version $version"
    else
      log "boot gate: wait: $count of $desired instances of version $version are listed; no healthy peer yet"
    fi
  done
}
