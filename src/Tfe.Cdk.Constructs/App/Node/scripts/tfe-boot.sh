#!/bin/bash
# Terraform Enterprise node bootstrap, shipped by Tfe.Cdk.Constructs and installed by cfn-init in /usr/local/lib/tfe.
# The user data writes this node's configuration (/etc/tfe/node.conf, settings.env, secrets.list), runs cfn-init, then
# this script: install Docker (its addresses and the run network's firewall in place before it starts), check its
# version, read the secrets from Secrets Manager into root-only files, pull the image, give the TLS key and secret files
# to the container's group, create the run network, pass the boot gate and (a DR primary) the fail-back fence, run TFE,
# wait for it to report healthy, then signal CloudFormation.
# Any failure signals failure (the EXIT trap), with the reason on stderr. No secret value is written in any
# file the library renders, nor in TFE's environment file or the container's configuration: the license, passwords and
# TLS key are read from Secrets Manager at boot and reach TFE as files.
set -euo pipefail

# shellcheck source=/dev/null # written by the user data
source /etc/tfe/node.conf
# The boot deadline counts from the start of the user data, which passes its elapsed seconds on.
SECONDS="${TFE_BOOT_ELAPSED_SECONDS:-0}"
readonly TFE_LIB=/usr/local/lib/tfe
source "$TFE_LIB/tfe-common.sh"
trap on_exit EXIT
source "$TFE_LIB/tfe-docker.sh"
source "$TFE_LIB/tfe-secrets.sh"
source "$TFE_LIB/tfe-network.sh"
source "$TFE_LIB/tfe-boot-gate.sh"
source "$TFE_LIB/tfe-fence.sh"
source "$TFE_LIB/tfe-target-registration.sh"
source "$TFE_LIB/tfe-drain.sh"
source "$TFE_LIB/tfe-initial-admin-boot.sh"
source "$TFE_LIB/tfe-run-hosts.sh"
source "$TFE_LIB/tfe-metrics.sh"
source "$TFE_LIB/tfe-log-forwarding.sh"
source "$TFE_LIB/tfe-watchdog-install.sh"

install_docker
instance_id=$(metadata instance-id)
private_ip=$(metadata local-ipv4)
check_docker_version
install -d -m 0700 "$CONFIG_DIR"
write_tls
# Settings that are not secret, as rendered by the library, then the secret ones, read from Secrets Manager.
umask 077
write_env_file
map_hostname_for_runs
pull_image
protect_node_files
create_run_network
prepare_metrics
prepare_log_forwarding
# Installed and pulled (in parallel with the other nodes): now wait for the gate before starting TFE.
boot_gate
# A DR pair's primary: never start against a database the DR region has taken over (DR-5).
fence_check
run_tfe
wait_for_health
start_metrics_agent
if [ -n "$TARGET_GROUP_ARN" ]; then
  register_target
fi
if [ -n "$INITIAL_ADMIN_SECRET" ]; then
  create_initial_admin
fi
if [ -n "$DRAIN_HOOK_NAME" ]; then
  install_drain_watch
fi
install_watchdog
signal 0
