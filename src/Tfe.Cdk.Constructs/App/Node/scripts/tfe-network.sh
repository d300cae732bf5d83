# shellcheck shell=bash
# Terraform Enterprise node: Docker's addresses and the run network's firewall, set up before Docker first starts.
# Docker's default bridge, its address pools and the run network take addresses from $DOCKER_ADDRESS_RANGE only, which
# the library chose outside the VPC and the ranges the nodes must reach (NET-1). Sourced by tfe-boot.sh; the
# variables come from /etc/tfe/node.conf.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

# /etc/docker/daemon.json: the default bridge (bip) and the pools of every other network, merged into the file the
# docker package may ship. Docker reads it when it starts, so this runs before its first start.
write_docker_daemon_config() {
  local current='{}'
  install -d -m 0755 /etc/docker
  if [ -s /etc/docker/daemon.json ]; then
    current=$(cat /etc/docker/daemon.json)
  fi
  jq --arg bip "$DOCKER_BRIDGE_IP" --arg pool "$DOCKER_POOL" \
    '. + {bip: $bip, "default-address-pools": [{base: $pool, size: 24}]}' <<<"$current" > /etc/docker/daemon.json.new \
    || fail "cannot write /etc/docker/daemon.json (is the existing file JSON?)"
  mv /etc/docker/daemon.json.new /etc/docker/daemon.json
  chmod 0644 /etc/docker/daemon.json
}

# The firewall's units: applied now and at every boot before Docker (Docker requires it), and checked every 10 s.
install_firewall() {
  install_unit tfe-firewall.service
  install_unit tfe-firewall-restore.service
  install_unit tfe-firewall-restore.timer
  install -d -m 0755 /etc/systemd/system/docker.service.d
  cat "$TFE_LIB/tfe-docker-firewall.conf" > /etc/systemd/system/docker.service.d/tfe-firewall.conf
  systemctl daemon-reload
  systemctl enable --now tfe-firewall.service
  systemctl enable --now tfe-firewall-restore.timer
  log "run network firewall in place before Docker starts"
}

prepare_docker_network() {
  write_docker_daemon_config
  install_firewall
}

# The run containers' own bridge network, on a fixed interface name (the firewall matches it) and subnet.
create_run_network() {
  if ! docker network inspect "$RUN_NETWORK" >/dev/null 2>&1; then
    docker network create --driver bridge --subnet "$RUN_SUBNET" \
      --opt "com.docker.network.bridge.name=$RUN_NETWORK" "$RUN_NETWORK"
  fi
  log "run containers use Docker network $RUN_NETWORK ($RUN_SUBNET)"
}
