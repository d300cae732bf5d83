using System.Runtime.Versioning;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// Upgrades keep runs alive (docs/node-lifecycle.md): a node that has left the load balancer still serves its own runs,
/// because run containers resolve the hostname to the node itself.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class RunHostsTests
{
    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [InlineData(NodeVariant.InternalNlb)]
    [Trait("Rule", "OPS-3")]
    public void Run_Containers_Resolve_The_Hostname_To_The_Node_Itself_OPS_3(NodeVariant variant)
    {
        var (node, run) = HealthyBoots.Of(variant);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = node.ReadFile("/etc/tfe/tfe.env").Split('\n');
        Assert.Single(lines, l => l.StartsWith("TFE_RUN_PIPELINE_DOCKER_EXTRA_HOSTS=", StringComparison.Ordinal));
        Assert.Contains($"TFE_RUN_PIPELINE_DOCKER_EXTRA_HOSTS={NodeScripts.Hostname}:{NodeScripts.PrivateIp}", lines);
        // Read from instance metadata before TFE starts, so the first run already has it.
        var ipLookup = run.Calls.Of("curl").First(c => c.Args.Any(a => a.EndsWith("/meta-data/local-ipv4", StringComparison.Ordinal)));
        Assert.True(ipLookup.Index < run.Calls.Of("docker", "run").Single().Index, run.ToString());
    }

    [SandboxFact]
    [Trait("Rule", "TLS-2")]
    public void Runs_Trust_The_Self_Signed_Node_Certificate_Even_With_A_Ca_Bundle_TLS_2()
    {
        const string caArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tfe/ca-bundle-QwErTy";
        const string corporateCa = "-----BEGIN CERTIFICATE-----\nMIIBcorporate\n-----END CERTIFICATE-----";
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Secrets[caArn] = corporateCa;

        var run = node.Boot(TfeNodeScript.Render(NodeScripts.Configuration(NodeVariant.Standalone) with { CaBundleSecretArn = caArn }, 1500));

        Assert.True(run.ExitCode == 0, run.ToString());
        var certificate = node.ReadFile("/etc/tfe/tls/cert.pem");
        Assert.Equal(corporateCa + "\n" + certificate, node.ReadFile("/etc/tfe/tls/bundle.pem"));
        Assert.Contains("node certificate added to the CA bundle", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.InternalNlb)]
    [Trait("Rule", "TLS-2")]
    public void Adds_No_Second_Copy_When_The_Bundle_Already_Holds_The_Node_Certificate_TLS_2(NodeVariant variant)
    {
        var (node, run) = HealthyBoots.Of(variant);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(node.ReadFile("/etc/tfe/tls/cert.pem").TrimEnd('\n'), node.ReadFile("/etc/tfe/tls/bundle.pem").TrimEnd('\n'));
        Assert.DoesNotContain("node certificate added to the CA bundle", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "TLS-2")]
    public void The_Self_Signed_Node_Certificate_Names_The_Hostname_The_Runs_Resolve_TLS_2()
    {
        var (node, run) = HealthyBoots.Of(NodeVariant.Standalone);

        Assert.True(run.ExitCode == 0, run.ToString());
        var req = run.Calls.Of("openssl", "req").Single();
        Assert.Equal($"/CN={NodeScripts.Hostname}", req.Option("-subj"));
        Assert.Equal($"subjectAltName=DNS:{NodeScripts.Hostname}", req.Option("-addext"));
    }
}
