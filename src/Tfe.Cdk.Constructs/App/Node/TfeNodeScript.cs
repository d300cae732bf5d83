using System.Globalization;
using System.Text;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Renders a node's <see cref="TfeNodeConfiguration"/> into its user data: a small bash bootstrap that writes the node's
/// configuration (<c>/etc/tfe/node.conf</c>: every deploy-time value as a <c>readonly</c> variable; <c>settings.env</c>:
/// the non-secret <c>TFE_*</c> settings; <c>secrets.list</c>: each secret setting's name, ARN and JSON field), runs
/// cfn-init to write the node's scripts (<see cref="TfeNodeFiles"/>, from the launch template's
/// <c>AWS::CloudFormation::Init</c> metadata) and then runs <c>tfe-boot.sh</c>, which installs Docker, reads the secrets,
/// passes the boot gate, runs TFE and signals CloudFormation. A failure before <c>tfe-boot.sh</c> runs (the cfn-init
/// package, cfn-init itself) signals failure from this script's EXIT trap. No secret value is ever part of it.
/// </summary>
/// <remarks>
/// Conventions other tools rely on (a harness runs the user data with fake commands): every timing constant is a
/// <c>readonly</c> line of node.conf (<c>BOOT_DEADLINE_SECONDS</c>, measured from the user data's start with
/// <c>$SECONDS</c>, and <c>POLL_SECONDS</c>, the sleep of every wait loop); external commands are called by name, except
/// <c>/opt/aws/bin/cfn-init</c> and <c>/opt/aws/bin/cfn-signal</c>; exactly one success signal (tfe-boot.sh, after the
/// health probe); one failure signal, from the EXIT trap of whichever script is running.
/// </remarks>
internal static class TfeNodeScript
{
    public const string ContainerName = "terraform-enterprise";

    /// <summary>The systemd unit that puts the run network's firewall in place at every boot, before Docker starts.</summary>
    public const string FirewallUnit = "tfe-firewall.service";

    /// <summary>How long one probe of a peer's or this node's health endpoint may take.</summary>
    public const int ProbeTimeoutSeconds = 10;

    /// <summary>EC2's limit on user data, in bytes before base64 encoding.</summary>
    public const int UserDataLimitBytes = 16_384;

    /// <summary>Renders the user data.</summary>
    /// <param name="c">The node's configuration.</param>
    /// <param name="bootDeadlineSeconds">The one overall deadline, from the user data's start: below CloudFormation's signal timeout.</param>
    public static string Render(TfeNodeConfiguration c, int bootDeadlineSeconds)
    {
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $$"""
            #!/bin/bash
            # Terraform Enterprise node bootstrap, rendered by Tfe.Cdk.Constructs: writes this node's configuration, has
            # cfn-init write the node's scripts from the launch template's AWS::CloudFormation::Init metadata, runs them.
            # No secret is written here: the license, passwords and TLS key are read from Secrets Manager at boot.
            # Node files (cfn-init, {{TfeNodeFiles.Directory}}): sha256 {{TfeNodeFiles.Fingerprint}}
            set -euo pipefail
            umask 077
            install -d -m 0700 /etc/tfe
            cat > /etc/tfe/node.conf <<'TFE_NODE'
            readonly REGION='{{c.Region}}'
            readonly STACK_NAME='{{c.StackName}}'
            readonly SIGNAL_RESOURCE='{{c.SignalResource}}'
            readonly TFE_HOSTNAME='{{c.Hostname}}'
            readonly TFE_IMAGE='{{c.Image}}'
            readonly REGISTRY_LOGIN={{c.RegistryLogin.ToString().ToLowerInvariant()}}
            readonly REGISTRY_REGION='{{c.RegistryRegion}}'
            readonly REGISTRY_SECRET='{{c.RegistrySecretArn}}'
            readonly HEALTH_PATH='{{c.HealthPath}}'
            readonly LOG_GROUP='{{c.LogGroupName}}'
            readonly LICENSE_SECRET='{{c.LicenseSecretArn}}'
            readonly TLS_SECRET='{{c.TlsSecretArn}}'
            readonly CA_BUNDLE_SECRET='{{c.CaBundleSecretArn}}'
            readonly INITIAL_ADMIN_SECRET='{{c.InitialAdminSecretArn}}'
            readonly TARGET_GROUP_ARN='{{c.TargetGroupArn}}'
            readonly VAULT_CLUSTER={{(c.VaultCluster ? "true" : "false")}}
            readonly DRAIN_HOOK_NAME='{{c.Drain?.HookName}}'
            readonly DRAIN_TIMEOUT_SECONDS={{c.Drain?.TimeoutSeconds ?? 0}}
            readonly METRICS_PORT={{(c.MetricsLogGroupName is null ? "''" : TfeNodeMetrics.HttpPort.ToString(CultureInfo.InvariantCulture))}}
            readonly METRICS_LOG_GROUP='{{c.MetricsLogGroupName}}'
            readonly LOG_FORWARDING={{(c.LogForwardingConfig is null ? "false" : "true")}}
            readonly CONTAINER_LOG_FORWARDING_CONFIG={{TfeNodeLogForwarding.ContainerConfigPath}}
            readonly CONTAINER_NAME={{ContainerName}}
            readonly CONTAINER_HTTPS_PORT={{TfeNodeSettings.ContainerHttpsPort}}
            readonly ADMIN_HTTPS_PORT={{TfeNodeSettings.AdminHttpsPort}}
            readonly VAULT_CLUSTER_PORT={{TfeNodeSettings.VaultClusterPort}}
            readonly CONTAINER_TLS_DIR={{TfeNodeSettings.TlsDirectory}}
            readonly CONTAINER_SECRETS_DIR={{TfeNodeSettings.SecretsDirectory}}
            readonly DISK_CACHE_VOLUME={{TfeNodeSettings.DiskCacheVolume}}
            readonly DISK_CACHE_PATH={{TfeNodeSettings.DiskCachePath}}
            readonly LOG_MAX_BUFFER_SIZE={{Defaults.LogMaxBufferSize}}
            readonly RUN_NETWORK={{TfeNodeSettings.RunNetwork}}
            readonly RUN_SUBNET={{c.Network.RunSubnet}}
            readonly RUN_BLOCKED_CIDRS='{{string.Join(' ', c.Network.BlockedCidrs)}}'
            readonly RUN_BLOCKED_PORTS='{{string.Join(' ', c.Network.BlockedPorts)}}'
            readonly DOCKER_ADDRESS_RANGE={{c.Network.AddressRange}}
            readonly DOCKER_BRIDGE_IP={{c.Network.BridgeIp}}
            readonly DOCKER_POOL={{c.Network.Pool}}
            readonly MIN_DOCKER_MAJOR={{c.DockerEngine.MinMajor}}
            readonly MIN_DOCKER_MINOR={{c.DockerEngine.MinMinor}}
            readonly MAX_DOCKER_MAJOR='{{c.DockerEngine.MaxMajor}}'
            readonly MAX_DOCKER_MINOR='{{c.DockerEngine.MaxMinor}}'
            readonly DOCKER_RANGE='{{c.DockerEngine}}'
            readonly CONFIG_DIR=/etc/tfe
            readonly TLS_DIR=/etc/tfe/tls
            readonly ENV_FILE=/etc/tfe/tfe.env
            readonly SECRETS_DIR=/etc/tfe/secrets
            readonly BOOT_DEADLINE_SECONDS={{bootDeadlineSeconds}}
            readonly POLL_SECONDS={{c.PollSeconds}}
            readonly PROBE_TIMEOUT_SECONDS={{ProbeTimeoutSeconds}}
            readonly WATCHDOG_FAILURES={{TfeNodeWatchdog.Failures(c.PollSeconds)}}
            readonly FENCE_REGION='{{c.Fence?.DrRegion}}'
            readonly FENCE_ALARM='{{c.Fence?.AlarmName}}'
            readonly FENCE_OVERRIDE_PARAMETER='{{c.Fence?.OverrideParameterName}}'
            TFE_NODE
            cat > /etc/tfe/settings.env <<'TFE_SETTINGS'

            """);
        foreach (var (key, value) in c.Settings)
        {
            script.Append(CultureInfo.InvariantCulture, $"{key}={value}\n");
        }

        script.Append("TFE_SETTINGS\ncat > /etc/tfe/secrets.list <<'TFE_SECRETS'\n");
        foreach (var secret in c.Secrets)
        {
            script.Append(CultureInfo.InvariantCulture, $"{secret.Name} {secret.SecretArn}{(secret.JsonField is null ? string.Empty : " " + secret.JsonField)}\n");
        }

        script.Append("TFE_SECRETS\n");
        if (c.LogForwardingConfig is { } logForwarding)
        {
            script.Append(CultureInfo.InvariantCulture, $"cat > /etc/tfe/log-forwarding.conf.in <<'TFE_LOG_FORWARDING'\n{logForwarding}TFE_LOG_FORWARDING\n");
        }

        script.Append(CultureInfo.InvariantCulture, $$"""
            # shellcheck source=/dev/null
            source /etc/tfe/node.conf
            bootstrap_exit() {
              local status=$?
              if [ "$status" -ne 0 ]; then
                echo "TFE bootstrap failed with status $status before {{TfeNodeFiles.BootScript}} ran; signalling failure" >&2
                for delay in 2 4 8 16 0; do
                  /opt/aws/bin/cfn-signal --exit-code "$status" --stack "$STACK_NAME" --resource "$SIGNAL_RESOURCE" --region "$REGION" && break
                  [ "$delay" -eq 0 ] || sleep "$delay"
                done
              fi
            }
            trap bootstrap_exit EXIT
            dnf install --assumeyes --quiet aws-cfn-bootstrap
            /opt/aws/bin/cfn-init --verbose --stack "$STACK_NAME" --resource '{{c.InitResource}}' --region "$REGION" \
              || { echo "tfe-bootstrap: FAILED: cfn-init could not write the node's files (see /var/log/cfn-init.log)" >&2; exit 1; }
            TFE_BOOT_ELAPSED_SECONDS=$SECONDS exec {{TfeNodeFiles.BootScript}}

            """);
        return script.ToString();
    }
}
