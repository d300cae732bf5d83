# shellcheck shell=bash
# Terraform Enterprise node: the TLS files, TFE's environment file and its secret files. No secret value is ever part of
# a file the library renders: the license, passwords and TLS key are read from Secrets Manager here, at boot. No secret
# value is ever part of the environment file either: Docker copies that file into the container's configuration, which
# `docker inspect` prints. The secrets are files in $SECRETS_DIR, mounted read-only into the container.
# Sourced by tfe-boot.sh; the variables come from /etc/tfe/node.conf.
# shellcheck disable=SC2154 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

write_tls() {
  # The container runs as a non-root user and reads the certificates through a read-only bind mount. The folder is
  # root's alone until protect_node_files gives it, and the key, to the container's group: the key is never readable
  # by any other local user, not even while it is written.
  install -d -m 0700 "$TLS_DIR"
  if [ -n "$TLS_SECRET" ]; then
    tls_from_secret
  else
    self_signed_tls
  fi
  chmod 0600 "$TLS_DIR/key.pem"
  chmod 0644 "$TLS_DIR/cert.pem" "$TLS_DIR/bundle.pem"
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

# TFE's environment file: the settings the library rendered (settings.env, with TFE_LICENSE_PATH), then this node's
# Vault cluster address (Active/Active). No secret: the secrets are files (write_secret_files).
# The caller sets umask 077 first.
write_env_file() {
  cat "$CONFIG_DIR/settings.env" > "$ENV_FILE"
  if [ "$VAULT_CLUSTER" = true ]; then
    printf 'TFE_VAULT_CLUSTER_ADDRESS=https://%s:%s\n' "$private_ip" "$VAULT_CLUSTER_PORT" >> "$ENV_FILE"
  fi
  write_secret_files
}

# The secret files, in $SECRETS_DIR (root's alone until protect_node_files gives it to the container's group):
# - license: the license, which TFE reads from a file (TFE_LICENSE_PATH), and the registry password (pull_image);
# - secrets.env: each secret setting of secrets.list (NAME ARN [JSON_FIELD] per line) as a shell assignment. TFE
#   documents no *_PATH variant of TFE_ENCRYPTION_PASSWORD, TFE_DATABASE_PASSWORD or TFE_REDIS_PASSWORD: the container's
#   shell reads this file and exports them just before it runs TFE (run_tfe), so they are in TFE's processes but not in
#   the container's configuration.
write_secret_files() {
  local name arn field value
  install -d -m 0700 "$SECRETS_DIR"
  secret_string "$LICENSE_SECRET" > "$SECRETS_DIR/license"
  : > "$SECRETS_DIR/secrets.env"
  while read -r -u 3 name arn field; do
    if [ -n "$field" ]; then
      value=$(secret_string "$arn" | json_field "$field")
    else
      value=$(secret_string "$arn")
    fi
    # Single-quoted for sh: every ' of the value becomes '\'' (close, escaped quote, reopen).
    printf "%s='%s'\n" "$name" "${value//\'/\'\\\'\'}" >> "$SECRETS_DIR/secrets.env"
  done 3< "$CONFIG_DIR/secrets.list"
  unset value
}

# The TLS key and the secret files: owned by root, readable by the TFE container's group and by nobody else; the
# certificates stay world-readable (they are public). HashiCorp documents that TFE's processes run as a non-root user
# but not its uid or gid, so the group is read from the pulled image itself: its default user's `id -g`.
protect_node_files() {
  local gid
  gid=$(docker container run --rm --network none --entrypoint /bin/sh "$TFE_IMAGE" -c 'id -g') \
    || fail "cannot read the group of the TFE image's user (docker container run --entrypoint /bin/sh $TFE_IMAGE -c 'id -g' failed)"
  [[ "$gid" =~ ^[0-9]+$ ]] || fail "the TFE image's user has no numeric group: id -g printed '$gid'"
  chown "root:$gid" "$TLS_DIR" "$TLS_DIR/key.pem" "$SECRETS_DIR" "$SECRETS_DIR/license" "$SECRETS_DIR/secrets.env"
  chmod 0750 "$TLS_DIR" "$SECRETS_DIR"
  chmod 0640 "$TLS_DIR/key.pem" "$SECRETS_DIR/license" "$SECRETS_DIR/secrets.env"
  log "TLS key and secret files readable by root and group $gid (the TFE image's user) only"
}
