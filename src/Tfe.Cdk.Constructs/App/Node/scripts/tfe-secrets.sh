# shellcheck shell=bash
# Terraform Enterprise node: the TLS files and TFE's environment file. No secret value is ever part of a file the
# library renders: the license, passwords and TLS key are read from Secrets Manager here, at boot.
# Sourced by tfe-boot.sh; the variables come from /etc/tfe/node.conf.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

write_tls() {
  # The container runs as a non-root user and reads the certificates through a read-only bind mount.
  install -d -m 0755 "$TLS_DIR"
  if [ -n "$TLS_SECRET" ]; then
    tls_from_secret
  else
    self_signed_tls
  fi
  chmod 0644 "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem" "$TLS_DIR/bundle.pem"
}

self_signed_tls() {
  # Self-signed node certificate: the load balancer presents the CA-signed one to clients (TLS-2, TLS-4).
  openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 825 \
    -subj "/CN=$TFE_HOSTNAME" -addext "subjectAltName=DNS:$TFE_HOSTNAME" \
    -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem"
  if [ -n "$CA_BUNDLE_SECRET" ]; then
    extra_ca_bundle
  else
    # No extra CAs given: the bundle holds the node's own certificate (HashiCorp's documented fallback).
    cp "$TLS_DIR/cert.pem" "$TLS_DIR/bundle.pem"
  fi
}

tls_from_secret() {
  local tls ca_bundle
  # CA-signed node certificate from Secrets Manager (TLS-1).
  tls=$(secret_string "$TLS_SECRET")
  json_field certificate <<<"$tls" > "$TLS_DIR/cert.pem"
  json_field private_key <<<"$tls" > "$TLS_DIR/key.pem"
  ca_bundle=$(jq --raw-output '.ca_bundle // empty' <<<"$tls")
  if [ -n "$CA_BUNDLE_SECRET" ]; then
    extra_ca_bundle
    if [ -n "$ca_bundle" ]; then
      printf '%s\n' "$ca_bundle" >> "$TLS_DIR/bundle.pem"
    fi
  elif [ -n "$ca_bundle" ]; then
    printf '%s\n' "$ca_bundle" > "$TLS_DIR/bundle.pem"
  else
    cp "$TLS_DIR/cert.pem" "$TLS_DIR/bundle.pem"
  fi
  unset tls ca_bundle
}

# Extra CA certificates (CaBundle): private CAs of the load balancer certificate, VCS, proxies and other services TFE
# calls. They become TFE_TLS_CA_BUNDLE_FILE (with the node certificate's own chain appended by the caller).
extra_ca_bundle() {
  local extra_ca
  extra_ca=$(secret_string "$CA_BUNDLE_SECRET")
  if [[ "$extra_ca" != *"-----BEGIN CERTIFICATE-----"* ]]; then
    fail "CA bundle secret $CA_BUNDLE_SECRET holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
  fi
  printf '%s\n' "$extra_ca" > "$TLS_DIR/bundle.pem"
  unset extra_ca
}

# TFE's environment file: the settings the library rendered (settings.env), then each secret setting read from Secrets
# Manager (secrets.list: NAME ARN [JSON_FIELD] per line), then this node's Vault cluster address (Active/Active).
# The caller sets umask 077 first: the file holds secrets.
write_env_file() {
  local name arn field value
  cat "$CONFIG_DIR/settings.env" > "$ENV_FILE"
  while read -r -u 3 name arn field; do
    if [ -n "$field" ]; then
      value=$(secret_string "$arn" | json_field "$field")
    else
      value=$(secret_string "$arn")
    fi
    printf '%s=%s\n' "$name" "$value" >> "$ENV_FILE"
  done 3< "$CONFIG_DIR/secrets.list"
  unset value
  if [ "$VAULT_CLUSTER" = true ]; then
    printf 'TFE_VAULT_CLUSTER_ADDRESS=https://%s:%s\n' "$private_ip" "$VAULT_CLUSTER_PORT" >> "$ENV_FILE"
  fi
}
