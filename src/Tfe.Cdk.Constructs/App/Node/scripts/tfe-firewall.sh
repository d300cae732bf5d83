#!/bin/bash
# Terraform Enterprise node: the run network's firewall, installed in /usr/local/lib/tfe and run by
# tfe-firewall.service (before Docker starts, at every boot) and tfe-firewall-restore.timer (every 10 seconds, to put
# back what a firewall reload or an nft flush removed). Idempotent: it only adds what is missing.
# What a run container (Docker network $RUN_NETWORK) may reach: the internet or the proxy, TFE through this node's 443
# (the hostname), DNS. Never instance metadata (the node's role credentials), never the database, Redis or Vault
# cluster ports in the VPC ($RUN_BLOCKED_CIDRS, $RUN_BLOCKED_PORTS), never another service of this host.
# Forwarded traffic: DOCKER-USER -> TFE-RUNS-FORWARD (Docker keeps the DOCKER-USER chain's rules; the jump to it is
# checked here too, for Docker releases that skip it when the chain exists). Traffic to the host: INPUT ->
# TFE-RUNS-INPUT. IPv4 and IPv6 alike (the run network has no IPv6 address: every forwarded IPv6 packet is dropped).
set -euo pipefail
# shellcheck source=/dev/null # written by the user data
source /etc/tfe/node.conf
# shellcheck disable=SC2154 # RUN_NETWORK, RUN_BLOCKED_CIDRS, RUN_BLOCKED_PORTS: /etc/tfe/node.conf
set -f # the rules are word lists: no globbing

readonly FORWARD_CHAIN=TFE-RUNS-FORWARD INPUT_CHAIN=TFE-RUNS-INPUT
family=iptables
restored=0

ipt() {
  "$family" -w "$@"
}

# Keeps a chain holding exactly the given rules in order (each a word list): when any is missing (a reload, a flush),
# the chain is emptied and filled again in one go.
sync_chain() {
  local chain="$1" rule fill
  shift
  ipt -N "$chain" 2>/dev/null || true
  for rule in "$@"; do
    # shellcheck disable=SC2086 # a rule is a word list
    if ! ipt -C "$chain" $rule 2>/dev/null; then
      ipt -F "$chain"
      for fill in "$@"; do
        # shellcheck disable=SC2086
        ipt -A "$chain" $fill
      done
      restored=1
      return 0
    fi
  done
}

# Puts a rule first in a chain when it is not there at all.
ensure_first() {
  local chain="$1"
  shift
  if ! ipt -C "$chain" "$@" 2>/dev/null; then
    ipt -I "$chain" 1 "$@"
    restored=1
  fi
}

apply() {
  family="$1"
  local metadata="$2" cidr port
  local -a forward=("-d $metadata -j DROP")
  if [ "$family" = iptables ]; then
    forward+=("-p udp --dport 53 -j RETURN" "-p tcp --dport 53 -j RETURN")
    for cidr in $RUN_BLOCKED_CIDRS; do
      for port in $RUN_BLOCKED_PORTS; do
        forward+=("-d $cidr -p tcp --dport $port -j DROP")
      done
    done
  else
    forward+=("-j DROP")
  fi
  sync_chain "$FORWARD_CHAIN" "${forward[@]}"
  sync_chain "$INPUT_CHAIN" \
    "-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN" \
    "-p tcp --dport 443 -j RETURN" \
    "-p udp --dport 53 -j RETURN" \
    "-p tcp --dport 53 -j RETURN" \
    "-j DROP"
  ipt -N DOCKER-USER 2>/dev/null || true
  ensure_first DOCKER-USER -i "$RUN_NETWORK" -j "$FORWARD_CHAIN"
  ensure_first FORWARD -j DOCKER-USER
  ensure_first INPUT -i "$RUN_NETWORK" -j "$INPUT_CHAIN"
}

apply iptables 169.254.169.254/32
apply ip6tables fd00:ec2::254/128
if [ "$restored" = 1 ]; then
  echo "tfe-firewall: rules of Docker network $RUN_NETWORK (re)applied"
fi
