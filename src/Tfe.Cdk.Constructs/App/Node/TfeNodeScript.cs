using System.Globalization;
using System.Text;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Renders a node's <see cref="TfeNodeConfiguration"/> into its user data: a bash script that installs Docker, reads the
/// secrets from Secrets Manager, runs the <c>terraform-enterprise</c> container, waits for TFE to report healthy and then
/// signals CloudFormation (any failure signals failure). No secret value is ever part of the script.
/// </summary>
internal static class TfeNodeScript
{
    public const string ContainerName = "terraform-enterprise";

    public static string Render(TfeNodeConfiguration c, int healthTimeoutSeconds)
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
            readonly CONFIG_DIR=/etc/tfe
            readonly TLS_DIR=/etc/tfe/tls
            readonly ENV_FILE=/etc/tfe/tfe.env
            # Timing: one deadline for the whole boot, counted from the script's start ($SECONDS), and the pause between
            # probes of every wait loop.
            readonly BOOT_DEADLINE_SECONDS={{healthTimeoutSeconds}}
            readonly POLL_SECONDS=15

            signal() {
              /opt/aws/bin/cfn-signal --exit-code "$1" --stack "$STACK_NAME" --resource "$SIGNAL_RESOURCE" --region "$REGION" || true
            }

            on_exit() {
              local status=$?
              if [ "$status" -ne 0 ]; then
                echo "TFE bootstrap failed with status $status" >&2
                signal "$status"
              fi
            }
            trap on_exit EXIT

            secret_string() {
              aws secretsmanager get-secret-value --region "$REGION" --secret-id "$1" --query SecretString --output text
            }

            json_field() {
              jq --exit-status --raw-output --arg field "$1" '.[$field]'
            }

            metadata() {
              local token
              token=$(curl --silent --show-error --fail --request PUT http://169.254.169.254/latest/api/token \
                --header 'X-aws-ec2-metadata-token-ttl-seconds: 300')
              curl --silent --show-error --fail --header "X-aws-ec2-metadata-token: $token" \
                "http://169.254.169.254/latest/meta-data/$1"
            }

            dnf install --assumeyes --quiet docker jq aws-cfn-bootstrap
            systemctl enable --now docker
            instance_id=$(metadata instance-id)
            {{(c.VaultCluster || c.TargetGroupArn is not null ? "private_ip=$(metadata local-ipv4)\n" : string.Empty)}}
            install -d -m 0700 "$CONFIG_DIR"
            # The container runs as a non-root user and reads the certificate through a read-only bind mount.
            install -d -m 0755 "$TLS_DIR"

            """);
        script.Append(c.TlsSecretArn is null ? SelfSignedTls() : TlsFromSecret(c.TlsSecretArn));
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
        script.Append(CultureInfo.InvariantCulture, $$"""

            license=$(secret_string "$LICENSE_SECRET")
            printf '%s' "$license" | docker login --username terraform --password-stdin images.releases.hashicorp.com
            unset license
            docker pull "$TFE_IMAGE"
            docker rm --force {{ContainerName}} >/dev/null 2>&1 || true
            docker run --detach --name {{ContainerName}} --restart unless-stopped \
              --env-file "$ENV_FILE" --cap-add IPC_LOCK --read-only --stop-timeout 60 \
              --tmpfs /tmp:mode=01777 --tmpfs /var/run --tmpfs /var/log/terraform-enterprise \
              --publish 443:{{TfeNodeSettings.ContainerHttpsPort}} --publish 127.0.0.1:{{TfeNodeSettings.AdminHttpsPort}}:{{TfeNodeSettings.AdminHttpsPort}} {{vaultPort}}\
              --volume /var/run/docker.sock:/var/run/docker.sock \
              --volume "$TLS_DIR:{{TfeNodeSettings.TlsDirectory}}:ro" \
              --volume {{TfeNodeSettings.DiskCacheVolume}}:{{TfeNodeSettings.DiskCachePath}}/terraform \
              --log-driver awslogs --log-opt "awslogs-region=$REGION" --log-opt "awslogs-group=$LOG_GROUP" \
              --log-opt "awslogs-stream=$instance_id" \
              "$TFE_IMAGE"

            # Probe this node by its hostname (the TLS name clients use), resolved to itself.
            until curl --silent --fail --insecure --output /dev/null --resolve "$TFE_HOSTNAME:443:127.0.0.1" "https://$TFE_HOSTNAME$HEALTH_PATH"; do
              if [ "$SECONDS" -ge "$BOOT_DEADLINE_SECONDS" ]; then
                echo "TFE did not report healthy at $HEALTH_PATH within $BOOT_DEADLINE_SECONDS seconds" >&2
                exit 1
              fi
              sleep "$POLL_SECONDS"
            done

            """);
        if (c.TargetGroupArn is not null)
        {
            script.Append(TargetRegistration(c.TargetGroupArn));
        }

        if (c.Drain is not null)
        {
            script.Append(DrainWatcher(c.Drain));
        }

        script.Append("signal 0\n");
        return script.ToString();
    }

    private static string SelfSignedTls() => """
        # Self-signed node certificate: the load balancer presents the CA-signed one to clients (TLS-2, TLS-4).
        openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 825 \
          -subj "/CN=$TFE_HOSTNAME" -addext "subjectAltName=DNS:$TFE_HOSTNAME" \
          -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem"
        cp "$TLS_DIR/cert.pem" "$TLS_DIR/bundle.pem"
        chmod 0644 "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem" "$TLS_DIR/bundle.pem"

        """;

    private static string TlsFromSecret(string arn) => $$"""
        # CA-signed node certificate from Secrets Manager (TLS-1).
        tls=$(secret_string '{{arn}}')
        json_field certificate <<<"$tls" > "$TLS_DIR/cert.pem"
        json_field private_key <<<"$tls" > "$TLS_DIR/key.pem"
        ca_bundle=$(jq --raw-output '.ca_bundle // empty' <<<"$tls")
        if [ -n "$ca_bundle" ]; then
          printf '%s\n' "$ca_bundle" > "$TLS_DIR/bundle.pem"
        else
          cp "$TLS_DIR/cert.pem" "$TLS_DIR/bundle.pem"
        fi
        unset tls ca_bundle
        chmod 0644 "$TLS_DIR/cert.pem" "$TLS_DIR/key.pem" "$TLS_DIR/bundle.pem"

        """;

    private static string DrainWatcher(DrainHook drain) => $$"""
        # Draining (OPS-3): when the Auto Scaling group moves this node to Terminating:Wait, stop taking new work, let
        # active runs finish (at most {{drain.TimeoutSeconds}} seconds), then let the termination continue.
        cat > /usr/local/bin/tfe-drain-watch <<'WATCH'
        #!/bin/bash
        set -uo pipefail
        imds() {
          local token
          token=$(curl --silent --fail --request PUT http://169.254.169.254/latest/api/token \
            --header 'X-aws-ec2-metadata-token-ttl-seconds: 300') || return 1
          curl --silent --fail --header "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
        }
        until [ "$(imds autoscaling/target-lifecycle-state)" = "Terminated" ]; do
          sleep 10
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
