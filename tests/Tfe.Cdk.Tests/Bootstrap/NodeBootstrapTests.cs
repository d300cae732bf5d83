using System.Runtime.Versioning;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// Runs each node's user data end to end in the sandbox (docs/bootstrap-harness.md): the outcome CloudFormation hears
/// from the node, and where the secrets go.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class NodeBootstrapTests
{
    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [InlineData(NodeVariant.InternalNlb)]
    [Trait("Rule", "COMP-3")]
    public void Signals_Success_Once_Only_After_Tfe_Reports_Healthy_COMP_3(NodeVariant variant)
    {
        var run = HealthyBoots.Of(variant).Run; // TFE answers refused, 503, then 200 (HealthyBoots.Health)

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        var probes = run.Calls.HealthProbes(NodeScripts.Hostname);
        Assert.Equal(3, probes.Count);
        Assert.All(probes, p => Assert.Equal($"https://{NodeScripts.Hostname}{NodeScripts.HealthPath}", p.Args[^1]));
        var signal = run.Calls.Of("cfn-signal").Single();
        Assert.True(signal.Index > probes[^1].Index, run.ToString());
        Assert.Equal(2, run.Calls.Of("sleep", "0").Count(c => c.Index > probes[0].Index && c.Index < probes[^1].Index));
        Assert.Equal(new[] { "--stack", NodeScripts.Configuration(variant).StackName, "--resource", "TfeAppAutoScalingGroupASG1A2B3C4D", "--region", "us-east-1" },
            signal.Args.Skip(2));
        Assert.Single(run.Calls.Of("docker", "run"));
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [InlineData(NodeVariant.InternalNlb)]
    [Trait("Rule", "COMP-3")]
    public void Fails_When_A_Secret_Is_Missing_COMP_3(NodeVariant variant)
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        var missing = NodeScripts.Configuration(variant).Secrets[1].SecretArn; // the encryption password
        node.Scenario.Secrets.Remove(missing);

        var run = node.Boot(NodeScripts.Render(variant));

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Contains("An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation", run.Stderr, StringComparison.Ordinal);
        // The CLI's words do not name the secret: the script's do.
        Assert.Contains($"FAILED: missing secret: cannot read {missing} from Secrets Manager", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("TFE bootstrap failed with status 1 (the reason is logged above); signalling failure\n", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Calls.Of("docker", "run"));
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone, "19.03.15")]
    [InlineData(NodeVariant.ActiveActive, "22.06.2")]
    [InlineData(NodeVariant.InternalNlb, "1.13.1")]
    [InlineData(NodeVariant.Standalone, "26.2.0")]
    [InlineData(NodeVariant.ActiveActive, "27.5.1")]
    [Trait("Rule", "COMP-3")]
    public void Fails_On_A_Docker_Engine_Outside_The_Range_Its_Release_Supports_COMP_3(NodeVariant variant, string version)
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Knobs["FAKE_DOCKER_SERVER_VERSION"] = version;

        var run = node.Boot(NodeScripts.Render(variant));

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Contains($"FAILED: unsupported Docker Engine version {version}: this TFE release supports Docker Engine 23.0 to 26.1\n", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("TFE bootstrap failed with status 1 (the reason is logged above); signalling failure\n", run.Stderr, StringComparison.Ordinal);
        // Refused before anything else is set up: no secret read, no pull, no container.
        Assert.Empty(run.Calls.Of("docker", "run"));
        Assert.Empty(run.Calls.Of("docker", "pull"));
        Assert.Empty(run.Calls.Of("aws", "secretsmanager"));
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [InlineData(NodeVariant.InternalNlb)]
    [Trait("Rule", "COMP-3")]
    public void Fails_When_The_Image_Pull_Fails_COMP_3(NodeVariant variant)
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Knobs["FAKE_DOCKER_FAILS"] = "pull";

        var run = node.Boot(NodeScripts.Render(variant));

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Contains("fake failure of 'docker pull'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("FAILED: image pull failed: images.releases.hashicorp.com/hashicorp/terraform-enterprise:1.0.3\n", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("TFE bootstrap failed with status 1 (the reason is logged above); signalling failure\n", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Calls.Of("docker", "run"));
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [InlineData(NodeVariant.InternalNlb)]
    [Trait("Rule", "COMP-3")]
    public void Fails_When_Tfe_Never_Reports_Healthy_Before_The_Deadline_COMP_3(NodeVariant variant)
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Health["127.0.0.1"] = "503";

        var run = node.Boot(NodeScripts.Render(variant), deadlineSeconds: 0);

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Contains($"TFE did not report healthy at {NodeScripts.HealthPath} within 0 seconds of boot\n", run.Stderr, StringComparison.Ordinal);
        Assert.NotEmpty(run.Calls.HealthProbes(NodeScripts.Hostname));
        Assert.Empty(run.Calls.Of("aws", "elbv2", "register-targets"));
        Assert.Empty(run.Calls.Of("systemctl", "enable", "--now", "tfe-drain-watch.service"));
    }
}
