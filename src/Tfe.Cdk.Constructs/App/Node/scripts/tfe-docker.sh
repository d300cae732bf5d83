# shellcheck shell=bash
# Terraform Enterprise node: Docker Engine (install, supported version) and the TFE image (registry login, pull).
# Sourced by tfe-boot.sh; the variables come from /etc/tfe/node.conf.
# shellcheck disable=SC2154,SC2153 # every upper-case variable is declared in /etc/tfe/node.conf (rendered by the library)

install_docker() {
  # iptables-nft: Docker's DOCKER-USER chain and the run network's metadata block need the iptables command.
  dnf install --assumeyes --quiet docker jq aws-cfn-bootstrap iptables-nft
  # Docker's addresses and the run network's firewall, before Docker's first start (tfe-network.sh).
  prepare_docker_network
  systemctl enable --now docker
}

# Refuses a Docker Engine outside the range the release line supports (MIN_DOCKER_* to MAX_DOCKER_*, any patch; no
# ceiling when MAX_DOCKER_MAJOR is empty), before anything else is set up, with both versions in the message.
check_docker_version() {
  local docker_version docker_major docker_minor
  docker_version=$(docker version --format '{{.Server.Version}}') \
    || fail "cannot read the Docker Engine version (docker version failed)"
  IFS=. read -r docker_major docker_minor _ <<<"$docker_version"
  if ! [[ "$docker_major" =~ ^[0-9]+$ && "$docker_minor" =~ ^[0-9]+$ ]] \
    || [ "$docker_major" -lt "$MIN_DOCKER_MAJOR" ] \
    || { [ "$docker_major" -eq "$MIN_DOCKER_MAJOR" ] && [ "$docker_minor" -lt "$MIN_DOCKER_MINOR" ]; } \
    || { [ -n "$MAX_DOCKER_MAJOR" ] && { [ "$docker_major" -gt "$MAX_DOCKER_MAJOR" ] \
      || { [ "$docker_major" -eq "$MAX_DOCKER_MAJOR" ] && [ "$docker_minor" -gt "$MAX_DOCKER_MINOR" ]; }; }; }; then
    fail "unsupported Docker Engine version $docker_version: this TFE release supports Docker Engine $DOCKER_RANGE"
  fi
  log "Docker Engine $docker_version"
}

# Pulls the image (by digest when the library pinned one: repo:tag@sha256:...) after logging in to its registry (the
# host part of $TFE_IMAGE), then logs out again, pulled or not: the Docker client keeps the login in
# /root/.docker/config.json until then.
pull_image() {
  local pulled=0 registry="${TFE_IMAGE%%/*}"
  registry_login "$registry"
  docker pull "$TFE_IMAGE" || pulled=$?
  docker logout "$registry" \
    || fail "registry logout failed: the registry password may remain in the Docker client's credential file"
  [ "$pulled" -eq 0 ] || fail "image pull failed: $TFE_IMAGE"
}

# Logs in to the registry $1 as the image source says (REGISTRY_LOGIN, TfeImageSource), every password on stdin:
# - hashicorp: HashiCorp's registry, username terraform and the license as the password;
# - ecr: an ECR token for the node role, from the repository's region; HashiCorp's registry is never contacted;
# - secret: the username and password of the REGISTRY_SECRET JSON secret, read at boot.
registry_login() {
  local credentials username password
  case "$REGISTRY_LOGIN" in
    hashicorp)
      docker login --username terraform --password-stdin "$1" < "$SECRETS_DIR/license" \
        || fail "registry login failed: $1 refused the license as a password"
      ;;
    ecr)
      aws ecr get-login-password --region "$REGISTRY_REGION" | docker login --username AWS --password-stdin "$1" \
        || fail "registry login failed: no ECR token for $1 (region $REGISTRY_REGION; the node role, the ECR endpoints) or the registry refused it"
      ;;
    secret)
      credentials=$(secret_string "$REGISTRY_SECRET")
      username=$(json_field username <<<"$credentials")
      password=$(json_field password <<<"$credentials")
      printf '%s' "$password" | docker login --username "$username" --password-stdin "$1" \
        || fail "registry login failed: $1 refused the username and password of $REGISTRY_SECRET"
      unset credentials password
      ;;
    *) fail "unknown registry login '$REGISTRY_LOGIN'" ;;
  esac
}

# Starts TFE (the container restarts with Docker, so across reboots) with the settings of $ENV_FILE, none of them
# secret. The secrets reach it as files: the license through TFE_LICENSE_PATH; the settings TFE reads only from its
# environment are exported by the container's own shell from secrets.env just before it runs the image's entrypoint and
# command, unchanged. So `docker inspect` (the container's Env, Path and Args) shows no secret.
run_tfe() {
  local image_config
  local -a vault_port=() image_command=()
  if [ "$VAULT_CLUSTER" = true ]; then
    vault_port=(--publish "$VAULT_CLUSTER_PORT:$VAULT_CLUSTER_PORT")
  fi
  # TFE's metrics (TfeMetrics): on the node's loopback only, for the CloudWatch agent (tfe-metrics.sh).
  local -a metrics_port=()
  if [ -n "$METRICS_PORT" ]; then
    metrics_port=(--publish "127.0.0.1:$METRICS_PORT:$METRICS_PORT")
  fi
  # TFE's log forwarding (LogForwarding): its Fluent Bit [OUTPUT] file, read-only (tfe-log-forwarding.sh).
  local -a log_forwarding=()
  if [ "$LOG_FORWARDING" = true ]; then
    log_forwarding=(--volume "$LOG_FORWARDING_FILE:$CONTAINER_LOG_FORWARDING_CONFIG:ro")
  fi
  image_config=$(docker image inspect --format '{{json .Config}}' "$TFE_IMAGE") \
    || fail "cannot read the entrypoint of $TFE_IMAGE (docker image inspect failed)"
  mapfile -t image_command < <(jq --raw-output '(.Entrypoint // []) + (.Cmd // []) | .[]' <<<"$image_config")
  [ "${#image_command[@]}" -gt 0 ] || fail "$TFE_IMAGE has neither an entrypoint nor a command to run"
  docker rm --force "$CONTAINER_NAME" >/dev/null 2>&1 || true
  docker run --detach --name "$CONTAINER_NAME" --restart unless-stopped \
    --env-file "$ENV_FILE" --cap-add IPC_LOCK --read-only --stop-timeout 60 \
    --tmpfs /tmp:mode=01777 --tmpfs /var/run --tmpfs /var/log/terraform-enterprise \
    --publish "443:$CONTAINER_HTTPS_PORT" --publish "127.0.0.1:$ADMIN_HTTPS_PORT:$ADMIN_HTTPS_PORT" "${vault_port[@]}" "${metrics_port[@]}" \
    --volume /var/run/docker.sock:/var/run/docker.sock \
    --volume "$TLS_DIR:$CONTAINER_TLS_DIR:ro" \
    --volume "$SECRETS_DIR:$CONTAINER_SECRETS_DIR:ro" \
    --volume "$DISK_CACHE_VOLUME:$DISK_CACHE_PATH/terraform" "${log_forwarding[@]}" \
    --log-driver awslogs --log-opt "awslogs-region=$REGION" --log-opt "awslogs-group=$LOG_GROUP" \
    --log-opt "awslogs-stream=$instance_id" --log-opt mode=non-blocking --log-opt "max-buffer-size=$LOG_MAX_BUFFER_SIZE" \
    --entrypoint /bin/sh \
    "$TFE_IMAGE" -c "set -a && . '$CONTAINER_SECRETS_DIR/secrets.env' && set +a && exec \"\$@\"" tfe-secrets "${image_command[@]}"
}

# Probes this node by its hostname (the TLS name clients use), resolved to itself, until TFE reports healthy.
wait_for_health() {
  until curl --silent --fail --insecure --output /dev/null --max-time "$PROBE_TIMEOUT_SECONDS" \
    --resolve "$TFE_HOSTNAME:443:127.0.0.1" "https://$TFE_HOSTNAME$HEALTH_PATH"; do
    if past_deadline; then
      fail "health timeout: TFE did not report healthy at $HEALTH_PATH within $BOOT_DEADLINE_SECONDS seconds of boot"
    fi
    sleep "$POLL_SECONDS"
  done
  log "TFE reports healthy at $HEALTH_PATH"
}
