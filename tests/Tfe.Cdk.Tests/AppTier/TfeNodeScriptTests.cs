using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>The user data renderer on plain values (no jsii): what it reads at boot and what it never renders.</summary>
public sealed class TfeNodeScriptTests
{
    private static readonly TfeNodeConfiguration External = new()
    {
        Region = "us-east-1",
        StackName = "Tfe",
        SignalResource = "AppAutoScalingGroup1234",
        Hostname = "tfe.example.com",
        Image = "images.releases.hashicorp.com/hashicorp/terraform-enterprise:1.0.3",
        HealthPath = "/_health_check",
        LogGroupName = "tfe-logs",
        LicenseSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tfe/license",
        Settings = [new("TFE_HOSTNAME", "tfe.example.com"), new("TFE_OPERATIONAL_MODE", "external")],
        Secrets =
        [
            new("TFE_LICENSE", "arn:license"),
            new("TFE_ENCRYPTION_PASSWORD", "arn:encryption"),
            new("TFE_DATABASE_PASSWORD", "arn:database", "password"),
        ],
    };

    private static readonly string Script = TfeNodeScript.Render(External, 1500);

    [Fact]
    public void Fails_Loudly_And_Signals_The_Outcome()
    {
        Assert.StartsWith("#!/bin/bash\n", Script, StringComparison.Ordinal);
        Assert.Contains("set -euo pipefail", Script, StringComparison.Ordinal);
        Assert.Contains("trap on_exit EXIT", Script, StringComparison.Ordinal);
        Assert.EndsWith("signal 0\n", Script, StringComparison.Ordinal);
        Assert.Contains("--resource \"$SIGNAL_RESOURCE\"", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_Every_Secret_At_Boot_By_Arn()
    {
        Assert.Contains("value=$(secret_string 'arn:license')", Script, StringComparison.Ordinal);
        Assert.Contains("value=$(secret_string 'arn:database' | json_field password)", Script, StringComparison.Ordinal);
        Assert.Contains("printf 'TFE_ENCRYPTION_PASSWORD=%s\\n' \"$value\" >> \"$ENV_FILE\"", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_Plain_Settings_Into_A_Quoted_Heredoc()
    {
        Assert.Contains("cat > \"$ENV_FILE\" <<'TFE_SETTINGS'\nTFE_HOSTNAME=tfe.example.com\nTFE_OPERATIONAL_MODE=external\nTFE_SETTINGS\n", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Waits_For_Health_Before_Signalling_Success()
    {
        var health = Script.IndexOf("until curl --silent --fail --insecure --output /dev/null --max-time \"$PROBE_TIMEOUT_SECONDS\" \\\n  --resolve \"$TFE_HOSTNAME:443:127.0.0.1\" \"https://$TFE_HOSTNAME$HEALTH_PATH\"", StringComparison.Ordinal);
        Assert.True(health > 0 && health < Script.LastIndexOf("signal 0", StringComparison.Ordinal));
        Assert.Contains("readonly BOOT_DEADLINE_SECONDS=1500\n", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Generates_A_Self_Signed_Certificate_Only_When_None_Is_Given()
    {
        Assert.Contains("openssl req -x509", Script, StringComparison.Ordinal);
        var withSecret = TfeNodeScript.Render(External with { TlsSecretArn = "arn:tls" }, 1500);
        Assert.DoesNotContain("openssl req", withSecret, StringComparison.Ordinal);
        Assert.Contains("tls=$(secret_string 'arn:tls')", withSecret, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-4")]
    public void Boot_Gate_Runs_After_The_Pull_And_Before_Docker_Run_In_Both_Modes_OPS_4()
    {
        foreach (var script in new[] { Script, TfeNodeScript.Render(External with { VaultCluster = true, Drain = new DrainHook("tfe-drain", 1740) }, 3300) })
        {
            var pull = script.IndexOf("docker pull \"$TFE_IMAGE\"", StringComparison.Ordinal);
            var gate = script.IndexOf("\nboot_gate\n", StringComparison.Ordinal);
            var run = script.IndexOf("docker run --detach", StringComparison.Ordinal);
            Assert.True(pull > 0 && pull < gate && gate < run, $"pull {pull} < gate {gate} < run {run}");
            Assert.Equal(1, Occurrences(script, "\nboot_gate\n"));
        }
    }

    [Fact]
    [Trait("Rule", "OPS-4")]
    public void Boot_Gate_Waits_For_Other_Versions_Then_Joins_A_Healthy_Peer_Or_Lets_The_Lowest_Id_Lead_OPS_4()
    {
        var gate = Script[Script.IndexOf("boot_gate() {", StringComparison.Ordinal)..Script.IndexOf("\n}\n", Script.IndexOf("boot_gate() {", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Contains("group=$(metadata tags/instance/aws:autoscaling:groupName)", gate, StringComparison.Ordinal);
        Assert.Contains("aws autoscaling describe-auto-scaling-groups --region \"$REGION\" --auto-scaling-group-names \"$group\"", gate, StringComparison.Ordinal);
        Assert.Contains("desired: DesiredCapacity, instances: Instances[].{id: InstanceId, state: LifecycleState, version: LaunchTemplate.Version}", gate, StringComparison.Ordinal);
        // Any other launch template version in any state but Terminated holds the gate closed.
        Assert.Contains("select(.version != $v and .state != \"Terminated\")", gate, StringComparison.Ordinal);
        // A healthy peer of the same version, probed directly on its private IP: join.
        Assert.Contains("aws ec2 describe-instances --region \"$REGION\" --instance-ids \"${peer_ids[@]}\"", gate, StringComparison.Ordinal);
        Assert.Contains("--resolve \"$TFE_HOSTNAME:443:$ip\" \"https://$TFE_HOSTNAME$HEALTH_PATH\"", gate, StringComparison.Ordinal);
        // Otherwise, once DesiredCapacity instances of this version are listed, the lowest instance id leads.
        Assert.Contains("| .id] | sort'", gate, StringComparison.Ordinal);
        Assert.Contains("if [ \"$count\" -ge \"$desired\" ] && [ \"$leader\" = \"$instance_id\" ]; then", gate, StringComparison.Ordinal);
        Assert.Contains("fail \"boot gate timeout:", gate, StringComparison.Ordinal);
        Assert.All(new[] { "boot gate: join:", "boot gate: lead:", "boot gate: wait: instances of another configuration" },
            decision => Assert.Contains(decision, gate, StringComparison.Ordinal));
        Assert.Contains("--output json", gate, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_Wait_Uses_The_Readonly_Timing_Constants()
    {
        Assert.Contains("readonly POLL_SECONDS=15\n", Script, StringComparison.Ordinal);
        var sleeps = System.Text.RegularExpressions.Regex.Matches(Script, @"\bsleep [^\n]*");
        Assert.NotEmpty(sleeps);
        Assert.All(sleeps, m => Assert.Equal("sleep \"$POLL_SECONDS\"", m.Value));
        Assert.DoesNotContain("deadline=$((", Script, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(Script, "signal 0"));
        Assert.Equal(1, Occurrences(Script, "trap on_exit EXIT"));
    }

    [Fact]
    public void Run_Containers_Use_Their_Own_Network_With_Metadata_Blocked_Before_Tfe_Starts()
    {
        var network = Script.IndexOf("docker network create --driver bridge --opt \"com.docker.network.bridge.name=$RUN_NETWORK\" \"$RUN_NETWORK\"", StringComparison.Ordinal);
        var block = Script.IndexOf("\niptables -C DOCKER-USER -i tfe-runs -d 169.254.169.254/32 -j DROP 2>/dev/null || iptables -I DOCKER-USER -i tfe-runs -d 169.254.169.254/32 -j DROP\n", StringComparison.Ordinal);
        var block6 = Script.IndexOf("\nip6tables -C FORWARD -i tfe-runs -d fd00:ec2::254/128 -j DROP", StringComparison.Ordinal);
        var run = Script.IndexOf("docker run --detach", StringComparison.Ordinal);
        Assert.True(network > 0 && network < block && block < run && block6 < run && block6 > 0, $"network {network} < block {block}, {block6} < run {run}");
        Assert.Contains("readonly RUN_NETWORK='tfe-runs'", Script, StringComparison.Ordinal);
        // The same idempotent rules again on every start of Docker, so they survive reboots and Docker restarts.
        Assert.Contains("After=docker.service\nRequires=docker.service\nPartOf=docker.service\n", Script, StringComparison.Ordinal);
        Assert.Contains("Type=oneshot\nRemainAfterExit=yes\nExecStart=/bin/sh -c 'iptables -C DOCKER-USER -i tfe-runs", Script, StringComparison.Ordinal);
        Assert.Contains("WantedBy=docker.service\n", Script, StringComparison.Ordinal);
        Assert.Contains("systemctl enable tfe-run-metadata-block.service", Script, StringComparison.Ordinal);
        Assert.Contains("dnf install --assumeyes --quiet docker jq aws-cfn-bootstrap iptables-nft\n", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_An_Unsupported_Docker_Engine_Before_Starting_Anything()
    {
        var check = Script.IndexOf("docker_version=$(docker version --format '{{.Server.Version}}')", StringComparison.Ordinal);
        Assert.True(check > 0 && check < Script.IndexOf("docker pull", StringComparison.Ordinal));
        Assert.Contains("readonly MIN_DOCKER_MAJOR=20\nreadonly MIN_DOCKER_MINOR=10\n", Script, StringComparison.Ordinal);
        Assert.Contains("fail \"unsupported Docker Engine version $docker_version: TFE needs Docker Engine $MIN_DOCKER_MAJOR.$MIN_DOCKER_MINOR or later\"", Script, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Container_Logs_Never_Block_Tfe_OPS_2() =>
        Assert.Contains("--log-driver awslogs --log-opt \"awslogs-region=$REGION\" --log-opt \"awslogs-group=$LOG_GROUP\" \\\n  --log-opt \"awslogs-stream=$instance_id\" --log-opt mode=non-blocking --log-opt max-buffer-size=4m", Script, StringComparison.Ordinal);

    [Fact]
    public void Each_Failure_Says_What_Failed()
    {
        foreach (var reason in new[] { "missing secret:", "image pull failed:", "unsupported Docker Engine version", "health timeout:", "boot gate timeout:", "registry login failed:" })
        {
            Assert.Contains($"fail \"{reason}", Script, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Rule", "TLS-1")]
    public void Ca_Bundle_Replaces_The_Node_Certificate_In_Bundle_Pem_And_Keeps_The_Node_Chain_TLS_1()
    {
        Assert.Contains("cp \"$TLS_DIR/cert.pem\" \"$TLS_DIR/bundle.pem\"", Script, StringComparison.Ordinal);
        Assert.DoesNotContain("extra_ca", Script, StringComparison.Ordinal);

        var selfSigned = TfeNodeScript.Render(External with { CaBundleSecretArn = "arn:ca" }, 1500);
        Assert.Contains("extra_ca=$(secret_string 'arn:ca')", selfSigned, StringComparison.Ordinal);
        Assert.Contains("printf '%s\\n' \"$extra_ca\" > \"$TLS_DIR/bundle.pem\"", selfSigned, StringComparison.Ordinal);
        Assert.DoesNotContain("cp \"$TLS_DIR/cert.pem\" \"$TLS_DIR/bundle.pem\"", selfSigned, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", selfSigned, StringComparison.Ordinal);

        var fromSecret = TfeNodeScript.Render(External with { TlsSecretArn = "arn:tls", CaBundleSecretArn = "arn:ca" }, 1500);
        var extra = fromSecret.IndexOf("printf '%s\\n' \"$extra_ca\" > \"$TLS_DIR/bundle.pem\"", StringComparison.Ordinal);
        var chain = fromSecret.IndexOf("printf '%s\\n' \"$ca_bundle\" >> \"$TLS_DIR/bundle.pem\"", StringComparison.Ordinal);
        Assert.True(extra > 0 && chain > extra);
    }

    [Fact]
    public void Active_Active_Publishes_The_Vault_Cluster_Port_And_Address()
    {
        Assert.DoesNotContain("8201", Script, StringComparison.Ordinal);
        var aa = TfeNodeScript.Render(External with { VaultCluster = true }, 1500);
        Assert.Contains("--publish 8201:8201", aa, StringComparison.Ordinal);
        Assert.Contains("TFE_VAULT_CLUSTER_ADDRESS=https://%s:8201", aa, StringComparison.Ordinal);
    }

    [Fact]
    public void Internal_Nlb_Nodes_Register_Their_Own_Ip()
    {
        Assert.DoesNotContain("register-targets", Script, StringComparison.Ordinal);
        var byIp = TfeNodeScript.Render(External with { TargetGroupArn = "arn:tg" }, 1500);
        Assert.Contains("ExecStart=/usr/bin/aws elbv2 register-targets --region $REGION --target-group-arn arn:tg --targets Id=$private_ip,Port=443", byIp, StringComparison.Ordinal);
        Assert.Contains("ExecStop=/usr/bin/aws elbv2 deregister-targets", byIp, StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes every combination of the script's optional parts into <c>rendered-user-data/</c> beside the test assembly;
    /// CI runs shellcheck over them, so variants no sample uses (NLB self-registration, a node certificate from
    /// Secrets Manager) are checked too.
    /// </summary>
    [Fact]
    public void Renders_Every_Variant_For_Shellcheck()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "rendered-user-data");
        Directory.CreateDirectory(dir);
        var count = 0;
        foreach (var tls in new[] { null, "arn:tls" })
        {
            foreach (var targetGroup in new[] { null, "arn:tg" })
            {
                foreach (var activeActive in new[] { false, true })
                {
                    foreach (var caBundle in new[] { null, "arn:ca" })
                    {
                        var script = TfeNodeScript.Render(External with
                        {
                            TlsSecretArn = tls,
                            TargetGroupArn = targetGroup,
                            VaultCluster = activeActive,
                            Drain = activeActive ? new DrainHook("tfe-drain", 1740) : null,
                            CaBundleSecretArn = caBundle,
                        }, 3300);
                        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
                        File.WriteAllText(Path.Combine(dir, $"tls-{(tls is null ? "self" : "secret")}_targets-{(targetGroup is null ? "asg" : "ip")}_{(activeActive ? "active-active" : "external")}{(caBundle is null ? string.Empty : "_ca-bundle")}.sh"), script);
                        count++;
                    }
                }
            }
        }

        // The IACT settings are plain settings lines: one variant shows them rendered.
        var iact = TfeNodeScript.Render(External with
        {
            Settings = [.. External.Settings, new("TFE_IACT_SUBNETS", "10.0.0.0/16,2001:db8::/32"), new("TFE_IACT_TIME_LIMIT", "120")],
        }, 3300);
        Assert.Contains("TFE_IACT_SUBNETS=10.0.0.0/16,2001:db8::/32\nTFE_IACT_TIME_LIMIT=120\n", iact, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "tls-self_targets-asg_external_iact.sh"), iact);
        count++;

        Assert.Equal(17, count);
        Assert.Equal(count, Directory.GetFiles(dir, "*.sh").Length);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
