# shellcheck shell=bash
# Terraform Enterprise node: run containers get their own bridge network, and no route to instance metadata, so a run
# cannot take the node's role credentials (HashiCorp: "How to Block Remote Worker Access to Instance Metadata
# Endpoint"). Applied now, before TFE starts, and by tfe-run-metadata-block.service on every start of Docker.
# Sourced by tfe-boot.sh; the variables come from /etc/tfe/node.conf.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

block_run_metadata() {
  if ! docker network inspect "$RUN_NETWORK" >/dev/null 2>&1; then
    docker network create --driver bridge --opt "com.docker.network.bridge.name=$RUN_NETWORK" "$RUN_NETWORK"
  fi
  iptables -C DOCKER-USER -i "$RUN_NETWORK" -d 169.254.169.254/32 -j DROP 2>/dev/null || iptables -I DOCKER-USER -i "$RUN_NETWORK" -d 169.254.169.254/32 -j DROP
  ip6tables -C FORWARD -i "$RUN_NETWORK" -d fd00:ec2::254/128 -j DROP 2>/dev/null || ip6tables -I FORWARD -i "$RUN_NETWORK" -d fd00:ec2::254/128 -j DROP
  install_unit tfe-run-metadata-block.service
  systemctl daemon-reload
  systemctl enable tfe-run-metadata-block.service
  log "instance metadata blocked for Docker network $RUN_NETWORK"
}
