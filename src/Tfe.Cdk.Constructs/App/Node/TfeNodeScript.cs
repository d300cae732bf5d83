using System.Globalization;
using System.Text;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Renders a node's <see cref="TfeNodeConfiguration"/> into its user data: a bash script that installs Docker, checks
/// its version, reads the secrets from Secrets Manager, pulls the image, blocks instance metadata for run containers,
/// passes the boot gate (OPS-4: one release per database, one node starting a fresh or upgraded database), runs the
/// <c>terraform-enterprise</c> container, waits for TFE to report healthy and then signals CloudFormation. Any failure
/// signals failure, with the reason on stderr. No secret value is ever part of the script.
/// </summary>
/// <remarks>
/// Conventions other tools rely on (a harness runs the script with fake commands): every timing constant is a
/// <c>readonly</c> variable at the top (<c>BOOT_DEADLINE_SECONDS</c>, measured from the script's start with
/// <c>$SECONDS</c>, and <c>POLL_SECONDS</c>, the sleep of every wait loop); external commands are called by name, except
/// <c>/opt/aws/bin/cfn-signal</c>; exactly one success signal, after the health probe; exactly one failure signal, from
/// the EXIT trap.
/// </remarks>
internal static class TfeNodeScript
{
    public const string ContainerName = "terraform-enterprise";

    /// <summary>The systemd unit that keeps the run network's metadata block in place across reboots and Docker restarts.</summary>
    public const string MetadataBlockUnit = "tfe-run-metadata-block.service";

    /// <summary>How long one probe of a peer's or this node's health endpoint may take.</summary>
    public const int ProbeTimeoutSeconds = 10;

    /// <summary>Renders the script.</summary>
    /// <param name="c">The node's configuration.</param>
    /// <param name="bootDeadlineSeconds">The one overall deadline, from the script's start: below CloudFormation's signal timeout.</param>
    public static string Render(TfeNodeConfiguration c, int bootDeadlineSeconds)
    {
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $$"""
            #!/bin/bash
            # Terraform Enterprise node bootstrap, rendered by Tfe.Cdk.Constructs.
            # No secret is written in this script: the license, passwords and TLS key are read from Secrets Manager at boot.
            set -euo pipefail

            readonly REGION='{{c.Region}}'
            readonly STACK_NAME='{{c.StackName}}'
            readonly SIGNAL_RESOURCE='{{c.SignalResource}}'
            readonly TFE_HOSTNAME='{{c.Hostname}}'
            readonly TFE_IMAGE='{{c.Image}}'
            readonly HEALTH_PATH='{{c.HealthPath}}'
            readonly LOG_GROUP='{{c.LogGroupName}}'
            readonly LICENSE_SECRET='{{c.LicenseSecretArn}}'
            readonly RUN_NETWORK='{{TfeNodeSettings.RunNetwork}}'
            readonly MIN_DOCKER_MAJOR={{Defaults.MinDockerEngineMajor}}
            readonly MIN_DOCKER_MINOR={{Defaults.MinDockerEngineMinor}}
            readonly CONFIG_DIR=/etc/tfe
            readonly TLS_DIR=/etc/tfe/tls
            readonly ENV_FILE=/etc/tfe/tfe.env
            # Timing: the one overall deadline (from this script's start) is below CloudFormation's signal timeout, so a
            # failure is always signalled by this script before CloudFormation gives up on its own.
            readonly BOOT_DEADLINE_SECONDS={{bootDeadlineSeconds}}
            readonly POLL_SECONDS={{c.PollSeconds}}
            readonly PROBE_TIMEOUT_SECONDS={{ProbeTimeoutSeconds}}

            log() {
              echo "tfe-bootstrap: $*" >&2
            }

            fail() {
              echo "tfe-bootstrap: FAILED: $*" >&2
              exit 1
            }

            signal() {
              /opt/aws/bin/cfn-signal --exit-code "$1" --stack "$STACK_NAME" --resource "$SIGNAL_RESOURCE" --region "$REGION" || true
            }

            on_exit() {
              local status=$?
              if [ "$status" -ne 0 ]; then
                echo "TFE bootstrap failed with status $status (the reason is logged above); signalling failure" >&2
                signal "$status"
              fi
            }
            trap on_exit EXIT

            past_deadline() {
              [ "$SECONDS" -ge "$BOOT_DEADLINE_SECONDS" ]
            }

            secret_string() {
              aws secretsmanager get-secret-value --region "$REGION" --secret-id "$1" --query SecretString --output text                 || fail "missing secret: cannot read $1 from Secrets Manager (deleted, or the node role may not read it)"
            }

            json_field() {
              jq --exit-status --raw-output --arg field "$1" '.[$field]' || fail "missing secret field: the secret has no '$1' field"
            }

            metadata() {
              local token
              token=$(curl --silent --show-error --fail --request PUT http://169.254.169.254/latest/api/token                 --header 'X-aws-ec2-metadata-token-ttl-seconds: 300')
              curl --silent --show-error --fail --header "X-aws-ec2-metadata-token: $token"                 "http://169.254.169.254/latest/meta-data/$1"
            }

            """);
        script.Append(BootGateFunction());
        script.Append(CultureInfo.InvariantCulture, $$"""
            # iptables-nft: Docker's DOCKER-USER chain and the run network's metadata block need the iptables command.
            dnf install --assumeyes --quiet docker jq aws-cfn-bootstrap iptables-nft
            systemctl enable --now docker
            instance_id=$(metadata instance-id)
            {{(c.VaultCluster || c.TargetGroupArn is not null ? "private_ip=$(metadata local-ipv4)\n" : string.Empty)}}
            """);
        script.Append(DockerVersionCheck());
        script.Append("""
            install -d -m 0700 "$CONFIG_DIR"
            # The container runs as a non-root user and reads the certificates through a read-only bind mount.
            install -d -m 0755 "$TLS_DIR"

            """);
        script.Append(c.TlsSecretArn is null ? SelfSignedTls(c.CaBundleSecretArn) : TlsFromSecret(c.TlsSecretArn, c.CaBundleSecretArn));
        script.Append("""

            # Settings that are not secret, as rendered by the library.
            umask 077
            cat > "$ENV_FILE" <<'TFE_SETTINGS'

            """);
        foreach (var (key, value) in c.Settings)
        {
            script.Append(CultureInfo.InvariantCulture, $"{key}={value}\n");
        }

        script.Append("TFE_SETTINGS\n\n# Secret settings, read from Secrets Manager at boot.\n");
        foreach (var secret in c.Secrets)
        {
            script.Append(secret.JsonField is null
                ? $"value=$(secret_string '{secret.SecretArn}')\n"
                : $"value=$(secret_string '{secret.SecretArn}' | json_field {secret.JsonField})\n");
            script.Append(CultureInfo.InvariantCulture, $"printf '{secret.Name}=%s\\n' \"$value\" >> \"$ENV_FILE\"\n");
        }

        script.Append("unset value\n");
        if (c.VaultCluster)
        {
            script.Append(CultureInfo.InvariantCulture,
                $"printf 'TFE_VAULT_CLUSTER_ADDRESS=https://%s:{TfeNodeSettings.VaultClusterPort}\\n' \"$private_ip\" >> \"$ENV_FILE\"\n");
        }

        var vaultPort = c.VaultCluster ? $"--publish {TfeNodeSettings.VaultClusterPort}:{TfeNodeSettings.VaultClusterPort} " : string.Empty;
        script.Append("""

            license=$(secret_string "$LICENSE_SECRET")
            printf '%s' "$license" | docker login --username terraform --password-stdin images.releases.hashicorp.com \
              || fail "registry login failed: images.releases.hashicorp.com refused the license as a password"
            unset license
            docker pull "$TFE_IMAGE" || fail "image pull failed: $TFE_IMAGE"

            """);
        script.Append(RunNetworkAndMetadataBlock());
        script.Append("""
            # Installed and pulled (in parallel with the other nodes): now wait for the gate before starting TFE.
            boot_gate

            """);
        script.Append(CultureInfo.InvariantCulture, $$"""
            docker rm --force {{ContainerName}} >/dev/null 2>&1 || true
            docker run --detach --name {{ContainerName}} --restart unless-stopped \
              --env-file "$ENV_FILE" --cap-add IPC_LOCK --read-only --stop-timeout 60 \
              --tmpfs /tmp:mode=01777 --tmpfs /var/run --tmpfs /var/log/terraform-enterprise \
              --publish 443:{{TfeNodeSettings.ContainerHttpsPort}} --publish 127.0.0.1:{{TfeNodeSettings.AdminHttpsPort}}:{{TfeNodeSettings.AdminHttpsPort}} {{vaultPort}}\
              --volume /var/run/docker.sock:/var/run/docker.sock \
              --volume "$TLS_DIR:{{TfeNodeSettings.TlsDirectory}}:ro" \
              --volume {{TfeNodeSettings.DiskCacheVolume}}:{{TfeNodeSettings.DiskCachePath}}/terraform \
              --log-driver awslogs --log-opt "awslogs-region=$REGION" --log-opt "awslogs-group=$LOG_GROUP" \
              --log-opt "awslogs-stream=$instance_id" --log-opt mode=non-blocking --log-opt max-buffer-size={{Defaults.LogMaxBufferSize}} \
              "$TFE_IMAGE"

            # Probe this node by its hostname (the TLS name clients use), resolved to itself.
            until curl --silent --fail --insecure --output /dev/null --max-time "$PROBE_TIMEOUT_SECONDS" \
              --resolve "$TFE_HOSTNAME:443:127.0.0.1" "https://$TFE_HOSTNAME$HEALTH_PATH"; do
              if past_deadline; then
                fail "health timeout: TFE did not report healthy at $HEALTH_PATH within $BOOT_DEADLINE_SECONDS seconds of boot"
              fi
              sleep "$POLL_SECONDS"
            done
            log "TFE reports healthy at $HEALTH_PATH"

            """);
        if (c.TargetGroupArn is not null)
        {
            script.Append(TargetRegistration(c.TargetGroupArn));
        }

        if (c.Drain is not null)
        {
            script.Append(DrainWatcher(c.Drain, c.PollSeconds));
        }

        script.Append("signal 0\n");
        return script.ToString();
    }

    private static string SelfSignedTls(string? caBundleArn) => """
        # Self-signed node certificate: the load balancer presents the CA-signed one to clients (TLS-2, TLS-4).
        openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 825 \
          -subj "/CN=$TFE_HOSTNAME" -addext "subjectAltName=DNS:$TFE_HOSTNAME" \
          -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem"

        """ + (caBundleArn is null
            ? """
              # No extra CAs given: the bundle holds the node's own certificate (HashiCorp's documented fallback).
              cp "$TLS_DIR/cert.pem" "$TLS_DIR/bundle.pem"

              """
            : ExtraCaBundle(caBundleArn, appendNodeChain: false)) + """
        chmod 0644 "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem" "$TLS_DIR/bundle.pem"

        """;

    private static string TlsFromSecret(string arn, string? caBundleArn) => $$"""
        # CA-signed node certificate from Secrets Manager (TLS-1).
        tls=$(secret_string '{{arn}}')
        json_field certificate <<<"$tls" > "$TLS_DIR/cert.pem"
        json_field private_key <<<"$tls" > "$TLS_DIR/key.pem"
        ca_bundle=$(jq --raw-output '.ca_bundle // empty' <<<"$tls")

        """ + (caBundleArn is null
            ? """
              if [ -n "$ca_bundle" ]; then
                printf '%s\n' "$ca_bundle" > "$TLS_DIR/bundle.pem"
              else
                cp "$TLS_DIR/cert.pem" "$TLS_DIR/bundle.pem"
              fi

              """
            : ExtraCaBundle(caBundleArn, appendNodeChain: true)) + """
        unset tls ca_bundle
        chmod 0644 "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem" "$TLS_DIR/bundle.pem"

        """;

    /// <summary>The user's extra CAs (CaBundle) become TFE_TLS_CA_BUNDLE_FILE, with the node certificate's own chain appended.</summary>
    private static string ExtraCaBundle(string arn, bool appendNodeChain) => $$"""
        # Extra CA certificates (CaBundle): private CAs of the load balancer certificate, VCS, proxies and other services TFE calls.
        extra_ca=$(secret_string '{{arn}}')
        if [[ "$extra_ca" != *"-----BEGIN CERTIFICATE-----"* ]]; then
          fail "CA bundle secret {{arn}} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        fi
        printf '%s\n' "$extra_ca" > "$TLS_DIR/bundle.pem"
        unset extra_ca

        """ + (appendNodeChain
            ? """
              if [ -n "$ca_bundle" ]; then
                printf '%s\n' "$ca_bundle" >> "$TLS_DIR/bundle.pem"
              fi

              """
            : string.Empty);

    /// <summary>
    /// Refuses a Docker Engine older than TFE supports, before anything else is set up, with both versions in the message.
    /// </summary>
    private static string DockerVersionCheck() => """
        docker_version=$(docker version --format '{{.Server.Version}}') \
          || fail "cannot read the Docker Engine version (docker version failed)"
        IFS=. read -r docker_major docker_minor _ <<<"$docker_version"
        if ! [[ "$docker_major" =~ ^[0-9]+$ && "$docker_minor" =~ ^[0-9]+$ ]] \
          || [ "$docker_major" -lt "$MIN_DOCKER_MAJOR" ] \
          || { [ "$docker_major" -eq "$MIN_DOCKER_MAJOR" ] && [ "$docker_minor" -lt "$MIN_DOCKER_MINOR" ]; }; then
          fail "unsupported Docker Engine version $docker_version: TFE needs Docker Engine $MIN_DOCKER_MAJOR.$MIN_DOCKER_MINOR or later"
        fi
        log "Docker Engine $docker_version"

        """;

    /// <summary>The iptables rules that keep run containers away from instance metadata (run-network traffic only).</summary>
    private static readonly string[] MetadataBlockRules =
    [
        $"iptables -C DOCKER-USER -i {TfeNodeSettings.RunNetwork} -d 169.254.169.254/32 -j DROP 2>/dev/null || iptables -I DOCKER-USER -i {TfeNodeSettings.RunNetwork} -d 169.254.169.254/32 -j DROP",
        $"ip6tables -C FORWARD -i {TfeNodeSettings.RunNetwork} -d fd00:ec2::254/128 -j DROP 2>/dev/null || ip6tables -I FORWARD -i {TfeNodeSettings.RunNetwork} -d fd00:ec2::254/128 -j DROP",
    ];

    /// <summary>
    /// The run containers' network (TFE_RUN_PIPELINE_DOCKER_NETWORK) with a fixed bridge name, and the metadata block for
    /// it: applied now, before TFE starts, and by a systemd unit on every start of Docker (reboots, Docker restarts).
    /// </summary>
    private static string RunNetworkAndMetadataBlock()
    {
        var rules = string.Join('\n', MetadataBlockRules);
        var execStarts = string.Join('\n', MetadataBlockRules.Select(r => $"ExecStart=/bin/sh -c '{r}'"));
        return $$"""
            # Run containers get their own bridge network, and no route to instance metadata: a run cannot take the node's
            # role credentials (HashiCorp: "How to Block Remote Worker Access to Instance Metadata Endpoint").
            if ! docker network inspect "$RUN_NETWORK" >/dev/null 2>&1; then
              docker network create --driver bridge --opt "com.docker.network.bridge.name=$RUN_NETWORK" "$RUN_NETWORK"
            fi
            {{rules}}
            cat > /etc/systemd/system/{{MetadataBlockUnit}} <<'UNIT'
            [Unit]
            Description=Block instance metadata for TFE run containers (Docker network {{TfeNodeSettings.RunNetwork}})
            After=docker.service
            Requires=docker.service
            PartOf=docker.service

            [Service]
            Type=oneshot
            RemainAfterExit=yes
            {{execStarts}}

            [Install]
            WantedBy=docker.service
            UNIT
            systemctl daemon-reload
            systemctl enable {{MetadataBlockUnit}}
            log "instance metadata blocked for Docker network $RUN_NETWORK"

            """;
    }

    /// <summary>
    /// The boot gate (OPS-4, dated): never two releases on one database, never several nodes starting a fresh or upgraded
    /// database at once. Read-only: it describes the group and its instances, and probes peers' health endpoints.
    /// </summary>
    private static string BootGateFunction() => """
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

        """;

    private static string DrainWatcher(DrainHook drain, int pollSeconds) => $$"""
        # Draining (OPS-3): when the Auto Scaling group moves this node to Terminating:Wait, stop taking new work, let
        # active runs finish (at most {{drain.TimeoutSeconds}} seconds), then let the termination continue.
        cat > /usr/local/bin/tfe-drain-watch <<'WATCH'
        #!/bin/bash
        set -uo pipefail
        readonly POLL_SECONDS={{pollSeconds}}
        imds() {
          local token
          token=$(curl --silent --fail --request PUT http://169.254.169.254/latest/api/token \
            --header 'X-aws-ec2-metadata-token-ttl-seconds: 300') || return 1
          curl --silent --fail --header "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
        }
        until [ "$(imds autoscaling/target-lifecycle-state)" = "Terminated" ]; do
          sleep "$POLL_SECONDS"
        done
        echo "Lifecycle hook: draining this TFE node"
        timeout {{drain.TimeoutSeconds}} docker exec {{ContainerName}} tfectl node drain || echo "Drain did not finish in time"
        aws autoscaling complete-lifecycle-action --region "$(imds placement/region)" \
          --auto-scaling-group-name "$(imds tags/instance/aws:autoscaling:groupName)" \
          --lifecycle-hook-name {{drain.HookName}} --instance-id "$(imds instance-id)" --lifecycle-action-result CONTINUE
        WATCH
        chmod 0755 /usr/local/bin/tfe-drain-watch
        cat > /etc/systemd/system/tfe-drain-watch.service <<'UNIT'
        [Unit]
        Description=Drain this TFE node before the Auto Scaling group terminates it
        After=docker.service

        [Service]
        ExecStart=/usr/local/bin/tfe-drain-watch
        Restart=on-failure

        [Install]
        WantedBy=multi-user.target
        UNIT
        systemctl daemon-reload
        systemctl enable --now tfe-drain-watch.service

        """;

    private static string TargetRegistration(string targetGroupArn) => $$"""
        # Internal NLB: the node registers its own IP (TLS-5) and deregisters it when the instance shuts down.
        cat > /etc/systemd/system/tfe-target-registration.service <<UNIT
        [Unit]
        Description=Register this TFE node with the load balancer target group
        After=docker.service network-online.target
        Wants=network-online.target

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart=/usr/bin/aws elbv2 register-targets --region $REGION --target-group-arn {{targetGroupArn}} --targets Id=$private_ip,Port=443
        ExecStop=/usr/bin/aws elbv2 deregister-targets --region $REGION --target-group-arn {{targetGroupArn}} --targets Id=$private_ip,Port=443

        [Install]
        WantedBy=multi-user.target
        UNIT
        systemctl daemon-reload
        systemctl enable --now tfe-target-registration.service

        """;
}
