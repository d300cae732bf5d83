# shellcheck shell=bash
# Terraform Enterprise node: run containers reach TFE on this node itself, not through the load balancer. A run calls
# TFE at its hostname (state, outputs, the registry). During an upgrade the Auto Scaling group takes a leaving node out
# of the load balancer before its termination hook runs, so its runs still applying would find no target behind the
# hostname. TFE_RUN_PIPELINE_DOCKER_EXTRA_HOSTS ("<hostname>:<IP>", as HashiCorp's HVD module sets it for load balancer
# hairpinning) maps the hostname to this node's private IP in every run container; the node certificate names the
# hostname (self-signed: CN and subjectAltName; from a secret: the user's certificate for that hostname, TLS-1), so TLS
# still verifies. Sourced by tfe-boot.sh; the variables come from /etc/tfe/node.conf.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

# Appends the mapping to TFE's environment file, and makes sure the runs trust the certificate they now meet: the node
# certificate joins TFE_TLS_CA_BUNDLE_FILE when the bundle lacks it (a CaBundle given with a self-signed certificate, or
# a certificate secret whose chain is elsewhere). The caller has read $private_ip and written the TLS files.
map_hostname_for_runs() {
  local certificate bundle
  printf 'TFE_RUN_PIPELINE_DOCKER_EXTRA_HOSTS=%s:%s\n' "$TFE_HOSTNAME" "$private_ip" >> "$ENV_FILE"
  certificate=$(<"$TLS_DIR/cert.pem")
  bundle=$(<"$TLS_DIR/bundle.pem")
  if [[ "$bundle" != *"$certificate"* ]]; then
    printf '%s\n' "$certificate" >> "$TLS_DIR/bundle.pem"
    log "node certificate added to the CA bundle: run containers reach this node directly"
  fi
  log "run containers resolve $TFE_HOSTNAME to this node ($private_ip)"
}
