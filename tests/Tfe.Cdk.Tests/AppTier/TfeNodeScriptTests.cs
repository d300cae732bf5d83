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
        var health = Script.IndexOf("until curl --silent --fail --insecure --output /dev/null --resolve \"$TFE_HOSTNAME:443:127.0.0.1\" \"https://$TFE_HOSTNAME$HEALTH_PATH\"", StringComparison.Ordinal);
        Assert.True(health > 0 && health < Script.LastIndexOf("signal 0", StringComparison.Ordinal));
        Assert.Contains("\nreadonly BOOT_DEADLINE_SECONDS=1500\n", Script, StringComparison.Ordinal);
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
                    var script = TfeNodeScript.Render(External with
                    {
                        TlsSecretArn = tls,
                        TargetGroupArn = targetGroup,
                        VaultCluster = activeActive,
                        Drain = activeActive ? new DrainHook("tfe-drain", 3540) : null,
                    }, 1500);
                    Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
                    File.WriteAllText(Path.Combine(dir, $"tls-{(tls is null ? "self" : "secret")}_targets-{(targetGroup is null ? "asg" : "ip")}_{(activeActive ? "active-active" : "external")}.sh"), script);
                    count++;
                }
            }
        }

        Assert.Equal(8, Directory.GetFiles(dir, "*.sh").Length);
    }
}
