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
        InitResource = "AppLaunchTemplate1234",
        Hostname = "tfe.example.com",
        Image = "images.releases.hashicorp.com/hashicorp/terraform-enterprise:1.0.3",
        HealthPath = "/_health_check",
        LogGroupName = "tfe-logs",
        LicenseSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tfe/license",
        Settings = [new("TFE_HOSTNAME", "tfe.example.com"), new("TFE_OPERATIONAL_MODE", "external")],
        Secrets =
        [
            new("TFE_ENCRYPTION_PASSWORD", "arn:encryption"),
            new("TFE_DATABASE_PASSWORD", "arn:database", "password"),
        ],
    };

    private static readonly string Script = TfeNodeScript.Render(External, 1500);

    /// <summary>The node's files as cfn-init writes them, one after the other.</summary>
    private static readonly string Files = string.Concat(TfeNodeFiles.All.Select(f => f.Content + "\n"));

    /// <summary>The main boot script: the order of the boot.</summary>
    private static readonly string Boot = File("tfe-boot.sh");

    [Fact]
    public void Fails_Loudly_And_Signals_The_Outcome()
    {
        Assert.StartsWith("#!/bin/bash\n", Script, StringComparison.Ordinal);
        Assert.Contains("set -euo pipefail", Script, StringComparison.Ordinal);
        Assert.StartsWith("#!/bin/bash\n", Boot, StringComparison.Ordinal);
        Assert.Contains("\nset -euo pipefail\n", Boot, StringComparison.Ordinal);
        Assert.Contains("\ntrap on_exit EXIT\n", Boot, StringComparison.Ordinal);
        Assert.EndsWith("signal 0\n", Boot, StringComparison.Ordinal);
        Assert.Contains("--resource \"$SIGNAL_RESOURCE\"", File("tfe-common.sh"), StringComparison.Ordinal);
        Assert.Contains("readonly SIGNAL_RESOURCE='AppAutoScalingGroup1234'\n", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Failure_Before_The_Node_Files_Run_Signals_Failure_Too()
    {
        // The bootstrap's own EXIT trap: the cfn-init package or cfn-init itself failing still signals CloudFormation.
        var trap = Script.IndexOf("trap bootstrap_exit EXIT\n", StringComparison.Ordinal);
        var init = Script.IndexOf("/opt/aws/bin/cfn-init --verbose --stack \"$STACK_NAME\" --resource 'AppLaunchTemplate1234' --region \"$REGION\"", StringComparison.Ordinal);
        Assert.True(trap > 0 && trap < Script.IndexOf("dnf install", StringComparison.Ordinal) && trap < init, $"trap {trap} < init {init}");
        Assert.Contains("/opt/aws/bin/cfn-signal --exit-code \"$status\" --stack \"$STACK_NAME\" --resource \"$SIGNAL_RESOURCE\"", Script, StringComparison.Ordinal);
        Assert.EndsWith("TFE_BOOT_ELAPSED_SECONDS=$SECONDS exec /usr/local/lib/tfe/tfe-boot.sh\n", Script, StringComparison.Ordinal);
        Assert.Contains("SECONDS=\"${TFE_BOOT_ELAPSED_SECONDS:-0}\"", Boot, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_Every_Secret_At_Boot_By_Arn()
    {
        Assert.Contains("cat > /etc/tfe/secrets.list <<'TFE_SECRETS'\nTFE_ENCRYPTION_PASSWORD arn:encryption\nTFE_DATABASE_PASSWORD arn:database password\nTFE_SECRETS\n", Script, StringComparison.Ordinal);
        var secrets = File("tfe-secrets.sh");
        Assert.Contains("value=$(secret_string \"$arn\" | json_field \"$field\")", secrets, StringComparison.Ordinal);
        // Into the secret files, never the env file (whose content Docker copies into the container's configuration).
        Assert.Contains(">> \"$SECRETS_DIR/secrets.env\"", secrets, StringComparison.Ordinal);
        Assert.Contains("secret_string \"$LICENSE_SECRET\" > \"$SECRETS_DIR/license\"", secrets, StringComparison.Ordinal);
        Assert.DoesNotContain("$value\" >> \"$ENV_FILE\"", secrets, StringComparison.Ordinal);
        Assert.Contains("done 3< \"$CONFIG_DIR/secrets.list\"", secrets, StringComparison.Ordinal);
        Assert.Contains("readonly LICENSE_SECRET='arn:aws:secretsmanager:us-east-1:123456789012:secret:tfe/license'\n", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_Plain_Settings_Into_A_Quoted_Heredoc()
    {
        Assert.Contains("cat > /etc/tfe/settings.env <<'TFE_SETTINGS'\nTFE_HOSTNAME=tfe.example.com\nTFE_OPERATIONAL_MODE=external\nTFE_SETTINGS\n", Script, StringComparison.Ordinal);
        Assert.Contains("cat \"$CONFIG_DIR/settings.env\" > \"$ENV_FILE\"", File("tfe-secrets.sh"), StringComparison.Ordinal);
        Assert.True(Boot.IndexOf("umask 077\n", StringComparison.Ordinal) < Boot.IndexOf("write_env_file\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Waits_For_Health_Before_Signalling_Success()
    {
        Assert.Contains("until curl --silent --fail --insecure --output /dev/null --max-time \"$PROBE_TIMEOUT_SECONDS\" \\\n    --resolve \"$TFE_HOSTNAME:443:127.0.0.1\" \"https://$TFE_HOSTNAME$HEALTH_PATH\"", File("tfe-docker.sh"), StringComparison.Ordinal);
        var health = Boot.IndexOf("\nwait_for_health\n", StringComparison.Ordinal);
        Assert.True(health > 0 && health < Boot.LastIndexOf("signal 0", StringComparison.Ordinal));
        Assert.Contains("readonly BOOT_DEADLINE_SECONDS=1500\n", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Generates_A_Self_Signed_Certificate_Only_When_None_Is_Given()
    {
        Assert.Contains("readonly TLS_SECRET=''\n", Script, StringComparison.Ordinal);
        var withSecret = TfeNodeScript.Render(External with { TlsSecretArn = "arn:tls" }, 1500);
        Assert.Contains("readonly TLS_SECRET='arn:tls'\n", withSecret, StringComparison.Ordinal);
        var tls = File("tfe-secrets.sh");
        Assert.Contains("if [ -n \"$TLS_SECRET\" ]; then\n    tls_from_secret\n  else\n    self_signed_tls\n  fi", tls, StringComparison.Ordinal);
        Assert.Contains("openssl req -x509", tls, StringComparison.Ordinal);
        Assert.Contains("tls=$(secret_string \"$TLS_SECRET\")", tls, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-4")]
    public void Boot_Gate_Runs_After_The_Pull_And_Before_Docker_Run_In_Both_Modes_OPS_4()
    {
        var pull = Boot.IndexOf("\npull_image\n", StringComparison.Ordinal);
        var gate = Boot.IndexOf("\nboot_gate\n", StringComparison.Ordinal);
        var run = Boot.IndexOf("\nrun_tfe\n", StringComparison.Ordinal);
        Assert.True(pull > 0 && pull < gate && gate < run, $"pull {pull} < gate {gate} < run {run}");
        Assert.Equal(1, Occurrences(Boot, "\nboot_gate\n"));
        Assert.Contains("docker pull \"$TFE_IMAGE\"", File("tfe-docker.sh"), StringComparison.Ordinal);
        Assert.Contains("docker run --detach", File("tfe-docker.sh"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-4")]
    public void Boot_Gate_Waits_For_Other_Versions_Then_Joins_A_Healthy_Peer_Or_Lets_The_Lowest_Id_Lead_OPS_4()
    {
        var gate = File("tfe-boot-gate.sh");
        Assert.Contains("group=$(metadata tags/instance/aws:autoscaling:groupName)", gate, StringComparison.Ordinal);
        Assert.Contains("aws autoscaling describe-auto-scaling-groups --region \"$REGION\" --auto-scaling-group-names \"$group\"", gate, StringComparison.Ordinal);
        Assert.Contains("desired: DesiredCapacity, instances: Instances[].{id: InstanceId, state: LifecycleState, version: LaunchTemplate.Version}", gate, StringComparison.Ordinal);
        // Any other launch template version in any state but Terminated holds the gate closed.
        Assert.Contains("select(.version != $v and .state != \"Terminated\")", gate, StringComparison.Ordinal);
        // A healthy peer of the same version, probed directly on its private IP: join.
        Assert.Contains("aws ec2 describe-instances --region \"$REGION\" --instance-ids \"${peer_ids[@]}\"", gate, StringComparison.Ordinal);
        Assert.Contains("--resolve \"$TFE_HOSTNAME:443:$ip\" \"https://$TFE_HOSTNAME$HEALTH_PATH\"", gate, StringComparison.Ordinal);
        // Otherwise, once DesiredCapacity instances of this version are listed, the lowest instance id leads.
        Assert.Contains("| .id] | sort) as $current", gate, StringComparison.Ordinal);
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
        var sleeps = System.Text.RegularExpressions.Regex.Matches(Files, @"\bsleep [^\n]*");
        Assert.NotEmpty(sleeps);
        // Every wait loop sleeps POLL_SECONDS; the one other pause is the signal's retry backoff (2, 4, 8, 16 s), in signal().
        Assert.All(sleeps.Where(m => m.Value != "sleep \"$delay\""), m => Assert.Equal("sleep \"$POLL_SECONDS\"", m.Value));
        Assert.Equal(1, Occurrences(File("tfe-common.sh"), "sleep \"$delay\""));
        Assert.DoesNotContain("deadline=$((", Files, StringComparison.Ordinal);
        // The user data pauses only between its own failure signal's retries.
        Assert.Equal(1, Occurrences(Script, "sleep"));
        Assert.Contains("[ \"$delay\" -eq 0 ] || sleep \"$delay\"", Script, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(Files, "signal 0"));
        Assert.Equal(1, Occurrences(Files, "trap on_exit EXIT"));
    }

    [Fact]
    public void Run_Containers_Use_Their_Own_Network_With_Their_Firewall_In_Place_Before_Docker_Starts()
    {
        var docker = File("tfe-docker.sh");
        var install = docker.IndexOf("dnf install --assumeyes --quiet docker jq aws-cfn-bootstrap iptables-nft\n", StringComparison.Ordinal);
        var prepare = docker.IndexOf("\n  prepare_docker_network\n", StringComparison.Ordinal);
        var start = docker.IndexOf("\n  systemctl enable --now docker\n", StringComparison.Ordinal);
        Assert.True(install > 0 && install < prepare && prepare < start, $"install {install} < daemon.json and firewall {prepare} < docker start {start}");
        var network = File("tfe-network.sh");
        Assert.True(network.IndexOf("\n  write_docker_daemon_config\n  install_firewall\n", StringComparison.Ordinal) > 0);
        Assert.Contains("docker network create --driver bridge --subnet \"$RUN_SUBNET\"", network, StringComparison.Ordinal);
        Assert.True(Boot.IndexOf("\ncreate_run_network\n", StringComparison.Ordinal) < Boot.IndexOf("\nrun_tfe\n", StringComparison.Ordinal));
        Assert.Contains($"readonly RUN_NETWORK={TfeNodeSettings.RunNetwork}\n", Script, StringComparison.Ordinal);
        Assert.Contains("readonly RUN_SUBNET=172.17.1.0/24\nreadonly RUN_BLOCKED_CIDRS='10.0.0.0/16'\n", Script, StringComparison.Ordinal);
        Assert.Contains("readonly DOCKER_ADDRESS_RANGE=172.17.0.0/16\nreadonly DOCKER_BRIDGE_IP=172.17.0.1/24\nreadonly DOCKER_POOL=172.17.128.0/17\n", Script, StringComparison.Ordinal);
        // The firewall's units are static files: the script reads the run network and the blocked ranges from node.conf.
        Assert.Contains("Before=docker.service\n", File(TfeNodeScript.FirewallUnit), StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/local/lib/tfe/tfe-firewall.sh\n", File("tfe-firewall-restore.service"), StringComparison.Ordinal);
        Assert.Contains("source /etc/tfe/node.conf\n", File("tfe-firewall.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_An_Unsupported_Docker_Engine_Before_Starting_Anything()
    {
        Assert.Contains("docker_version=$(docker version --format '{{.Server.Version}}')", File("tfe-docker.sh"), StringComparison.Ordinal);
        Assert.True(Boot.IndexOf("\ncheck_docker_version\n", StringComparison.Ordinal) < Boot.IndexOf("\npull_image\n", StringComparison.Ordinal));
        // A release outside the support table: the historical floor and no ceiling (the harness runs the bounded range).
        Assert.Contains("readonly MIN_DOCKER_MAJOR=20\nreadonly MIN_DOCKER_MINOR=10\nreadonly MAX_DOCKER_MAJOR=''\nreadonly MAX_DOCKER_MINOR=''\nreadonly DOCKER_RANGE='20.10 or later'\n", Script, StringComparison.Ordinal);
        Assert.Contains("fail \"unsupported Docker Engine version $docker_version: this TFE release supports Docker Engine $DOCKER_RANGE\"", Files, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Container_Logs_Never_Block_Tfe_OPS_2()
    {
        Assert.Contains("--log-driver awslogs --log-opt \"awslogs-region=$REGION\" --log-opt \"awslogs-group=$LOG_GROUP\" \\\n    --log-opt \"awslogs-stream=$instance_id\" --log-opt mode=non-blocking --log-opt \"max-buffer-size=$LOG_MAX_BUFFER_SIZE\"", File("tfe-docker.sh"), StringComparison.Ordinal);
        Assert.Contains("readonly LOG_MAX_BUFFER_SIZE=4m\n", Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_Failure_Says_What_Failed()
    {
        foreach (var reason in new[] { "missing secret:", "image pull failed:", "unsupported Docker Engine version", "health timeout:", "boot gate timeout:", "registry login failed:" })
        {
            Assert.Contains($"fail \"{reason}", Files, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Rule", "TLS-1")]
    public void Ca_Bundle_Replaces_The_Node_Certificate_In_Bundle_Pem_And_Keeps_The_Node_Chain_TLS_1()
    {
        Assert.Contains("readonly CA_BUNDLE_SECRET=''\n", Script, StringComparison.Ordinal);
        Assert.Contains("readonly CA_BUNDLE_SECRET='arn:ca'\n", TfeNodeScript.Render(External with { CaBundleSecretArn = "arn:ca" }, 1500), StringComparison.Ordinal);
        var tls = File("tfe-secrets.sh");
        Assert.Contains("extra_ca=$(secret_string \"$CA_BUNDLE_SECRET\")", tls, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", tls, StringComparison.Ordinal);
        // Self-signed: the extra CAs, or the node's own certificate when none are given.
        var selfSigned = tls[tls.IndexOf("self_signed_tls() {", StringComparison.Ordinal)..tls.IndexOf("tls_from_secret() {", StringComparison.Ordinal)];
        Assert.Contains("if [ -n \"$CA_BUNDLE_SECRET\" ]; then\n    extra_ca_bundle\n  else", selfSigned, StringComparison.Ordinal);
        Assert.Contains("cp \"$TLS_DIR/cert.pem\" \"$TLS_DIR/bundle.pem\"", selfSigned, StringComparison.Ordinal);
        // From a secret: the extra CAs first, then the node certificate's own chain.
        var fromSecret = tls[tls.IndexOf("tls_from_secret() {", StringComparison.Ordinal)..];
        var extra = fromSecret.IndexOf("    extra_ca_bundle\n", StringComparison.Ordinal);
        var chain = fromSecret.IndexOf("printf '%s\\n' \"$ca_bundle\" >> \"$TLS_DIR/bundle.pem\"", StringComparison.Ordinal);
        Assert.True(extra > 0 && chain > extra);
    }

    [Fact]
    public void Active_Active_Publishes_The_Vault_Cluster_Port_And_Address()
    {
        Assert.Contains("readonly VAULT_CLUSTER=false\n", Script, StringComparison.Ordinal);
        var aa = TfeNodeScript.Render(External with { VaultCluster = true }, 1500);
        Assert.Contains("readonly VAULT_CLUSTER=true\nreadonly DRAIN_HOOK_NAME=''", aa, StringComparison.Ordinal);
        Assert.Contains("readonly VAULT_CLUSTER_PORT=8201\n", aa, StringComparison.Ordinal);
        Assert.Contains("vault_port=(--publish \"$VAULT_CLUSTER_PORT:$VAULT_CLUSTER_PORT\")", File("tfe-docker.sh"), StringComparison.Ordinal);
        Assert.Contains("printf 'TFE_VAULT_CLUSTER_ADDRESS=https://%s:%s\\n' \"$private_ip\" \"$VAULT_CLUSTER_PORT\"", File("tfe-secrets.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Internal_Nlb_Nodes_Register_Their_Own_Ip()
    {
        Assert.Contains("readonly TARGET_GROUP_ARN=''\n", Script, StringComparison.Ordinal);
        var byIp = TfeNodeScript.Render(External with { TargetGroupArn = "arn:tg" }, 1500);
        Assert.Contains("readonly TARGET_GROUP_ARN='arn:tg'\n", byIp, StringComparison.Ordinal);
        var unit = File("tfe-target-registration.service");
        Assert.Contains("ExecStart=/usr/bin/aws elbv2 register-targets --region @REGION@ --target-group-arn @TARGET_GROUP_ARN@ --targets Id=@PRIVATE_IP@,Port=443", unit, StringComparison.Ordinal);
        Assert.Contains("ExecStop=/usr/bin/aws elbv2 deregister-targets", unit, StringComparison.Ordinal);
        Assert.Contains("if [ -n \"$TARGET_GROUP_ARN\" ]; then\n  register_target\nfi", Boot, StringComparison.Ordinal);
    }

    [Fact]
    public void User_Data_Names_The_Files_It_Runs_By_Their_Hash()
    {
        Assert.Contains($"# Node files (cfn-init, /usr/local/lib/tfe): sha256 {TfeNodeFiles.Fingerprint}\n", Script, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", TfeNodeFiles.Fingerprint);
        // Every script and unit of App/Node/scripts is embedded and delivered, none of them holds a deploy-time value.
        Assert.Equal(
            ["tfe-boot-gate.sh", "tfe-boot.sh", "tfe-common.sh", "tfe-docker-firewall.conf", "tfe-docker.sh", "tfe-drain-watch.service", "tfe-drain-watch.sh", "tfe-drain.sh",
             "tfe-fence.sh", "tfe-firewall-restore.service", "tfe-firewall-restore.timer", "tfe-firewall.service", "tfe-firewall.sh",
             "tfe-initial-admin-boot.sh", "tfe-initial-admin.sh", "tfe-log-forwarding.sh", "tfe-metrics-agent.json", "tfe-metrics-prometheus.yaml", "tfe-metrics.sh", "tfe-network.sh", "tfe-run-hosts.sh", "tfe-secrets.sh", "tfe-target-registration.service", "tfe-target-registration.sh",
             "tfe-watchdog-install.sh", "tfe-watchdog.service", "tfe-watchdog.sh"],
            TfeNodeFiles.All.Select(f => f.Name));
        Assert.All(TfeNodeFiles.All, f => Assert.DoesNotContain("${Token[", f.Content, StringComparison.Ordinal));
        Assert.Equal(["tfe-boot.sh", "tfe-drain-watch.sh", "tfe-firewall.sh", "tfe-initial-admin.sh"], TfeNodeFiles.All.Where(f => f.Mode == "000755").Select(f => f.Name));
    }

    private static string File(string name) => TfeNodeFiles.All.Single(f => f.Name == name).Content;

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
                        System.IO.File.WriteAllText(Path.Combine(dir, $"tls-{(tls is null ? "self" : "secret")}_targets-{(targetGroup is null ? "asg" : "ip")}_{(activeActive ? "active-active" : "external")}{(caBundle is null ? string.Empty : "_ca-bundle")}.sh"), script);
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
        System.IO.File.WriteAllText(Path.Combine(dir, "tls-self_targets-asg_external_iact.sh"), iact);
        count++;

        // The image's registry login (ImageSource): ECR with its region, another registry with its secret.
        foreach (var (name, source) in new[]
        {
            ("ecr", External with { Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tfe:1.0.3", RegistryLogin = TfeImageLogin.Ecr, RegistryRegion = "eu-west-1" }),
            ("registry", External with { Image = "registry.example.com/tfe:1.0.3", RegistryLogin = TfeImageLogin.Secret, RegistrySecretArn = "arn:registry" }),
        })
        {
            var script = TfeNodeScript.Render(source, 3300);
            Assert.Contains($"readonly REGISTRY_LOGIN={(name == "ecr" ? "ecr" : "secret")}\n", script, StringComparison.Ordinal);
            System.IO.File.WriteAllText(Path.Combine(dir, $"tls-self_targets-asg_external_image-{name}.sh"), script);
            count++;
        }

        // Log forwarding adds a quoted here-document (the Fluent Bit section, with $UUID left for Fluent Bit): one variant each.
        foreach (var (name, section) in new[]
        {
            ("cloudwatch", TfeNodeLogForwarding.CloudWatchConfig("us-east-1", "tfe-forwarded")),
            ("s3", TfeNodeLogForwarding.S3Config("us-east-1", "tfe-log-bucket", "tfe/production")),
        })
        {
            var forwarding = TfeNodeScript.Render(External with
            {
                Settings = [.. External.Settings, .. TfeNodeLogForwarding.Settings],
                LogForwardingConfig = section,
            }, 3300);
            Assert.Contains($"<<'TFE_LOG_FORWARDING'\n{section}TFE_LOG_FORWARDING\n", forwarding, StringComparison.Ordinal);
            System.IO.File.WriteAllText(Path.Combine(dir, $"tls-self_targets-asg_external_log-forwarding-{name}.sh"), forwarding);
            count++;
        }

        Assert.Equal(21, count);
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
