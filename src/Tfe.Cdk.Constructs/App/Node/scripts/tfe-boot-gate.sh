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
# Instances of this version that are terminating are never peers, and never block a join (same configuration, same
# release); but while one is terminating no node leads: it may be a leader lost while it started the database, so the
# next leader waits until it is Terminated (its process, and any migration it ran, has stopped with it).
# It fails at once, rather than wait out its deadline, for what can never clear by itself: an instance of another
# configuration in Standby, an instance attached without the launch template (no version), an instance refresh.

# Reads one look at the group (the describe-auto-scaling-groups answer on stdin) for this instance, with one jq, as
# eight lines: its launch template version (empty while it is not listed), the desired capacity, the instances that
# can never leave by themselves (another version in Standby, or attached without the launch template: either may run
# another release against the database), those of another version, the number and the lowest id of this version's
# live instances, those of this version terminating, and the ids of its live peers.
gate_look() {
  jq --raw-output --arg id "$instance_id" '
    ([.instances[]? | select(.id == $id) | .version // empty] | first // "") as $v
    | ([.instances[]? | select(.version == $v and (.state | startswith("Terminat") | not)) | .id] | sort) as $current
    | $v,
      (.desired // 0),
      ([.instances[]? | select(.state != "Terminated" and (.version == null or (.version != $v and .state == "Standby")))
        | "\(.id) (version \(.version // "none: attached without the launch template"), \(.state))"] | join(", ")),
      ([.instances[]? | select(.version != $v and .state != "Terminated") | "\(.id) (version \(.version // "none"), \(.state))"]
        | join(", ")),
      ($current | length),
      ($current | first // ""),
      ([.instances[]? | select(.version == $v and (.state | startswith("Terminating"))) | "\(.id) (\(.state))"] | join(", ")),
      ([.instances[]? | select(.id != $id and .version == $v and (.state | startswith("Terminat") | not)) | .id] | join(" "))'
}

# Fails the boot while an instance refresh runs on the group: it replaces nodes one at a time and keeps old ones in
# service, so the gate (never two releases) could never let a new node through. CloudFormation replaces the group as a
# whole instead. A failed look is logged and ignored (the refresh check never blocks a boot on its own).
gate_refuse_refresh() {
  local refresh
  if ! refresh=$(aws autoscaling describe-instance-refreshes --region "$REGION" --auto-scaling-group-name "$1" \
    --max-records 1 --output json); then
    log "boot gate: describe-instance-refreshes failed; not checked this turn"
    return 0
  fi
  refresh=$(jq --raw-output '.InstanceRefreshes[0]? // empty | select(.Status | IN("Pending", "InProgress", "Baking", "RollbackInProgress"))
    | "\(.InstanceRefreshId) (\(.Status))"' <<<"$refresh")
  if [ -n "$refresh" ]; then
    fail "boot gate: instance refresh $refresh on group $1 keeps old nodes in service while it replaces them one at a time, which OPS-4 (never two releases on one database) can never let through; cancel it (aws autoscaling cancel-instance-refresh) and deploy the change through CloudFormation, which replaces the group as a whole"
  fi
}

boot_gate() {
  local group group_json version desired stuck others peers count leader dying ip peer_ips_json tries=0
  local -a fields peer_ids peer_ips
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
    mapfile -t fields < <(gate_look <<<"$group_json")
    if [ "${#fields[@]}" -ne 8 ]; then
      log "boot gate: describe-auto-scaling-groups answered what jq cannot read; retrying"
      continue
    fi
    version=${fields[0]} desired=${fields[1]} stuck=${fields[2]} others=${fields[3]}
    count=${fields[4]} leader=${fields[5]} dying=${fields[6]} peers=${fields[7]}
    if [ -z "$version" ]; then
      log "boot gate: wait: instance $instance_id is not listed in group $group yet"
      continue
    fi
    if [ -n "$stuck" ]; then
      fail "boot gate: $stuck can never leave the group by itself and may run another release against the database (OPS-4); terminate or detach it, then deploy again"
    fi
    if [ -n "$others" ]; then
      log "boot gate: wait: instances of another configuration are still in the group: $others"
      gate_refuse_refresh "$group"
      continue
    fi
    # The leader starts without probing its peers: it is the one they wait for.
    if [ "$count" -ge "$desired" ] && [ "$leader" = "$instance_id" ] && [ -n "$dying" ]; then
      log "boot gate: wait: $dying of version $version is terminating and may be a leader lost while starting the database; leading only once it is Terminated"
    elif [ "$count" -ge "$desired" ] && [ "$leader" = "$instance_id" ]; then
      log "boot gate: lead: $count of $desired instances of version $version are listed and $instance_id has the lowest id; starting first"
      return 0
    fi
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
