using System.Runtime.Versioning;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// Run containers cannot reach instance metadata (docs/node-lifecycle.md, "Run containers cannot take the node's
/// credentials"), run: the network, the rules and the unit are in place before the TFE container starts.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class MetadataBlockTests
{
    private const string Unit = "tfe-run-metadata-block.service";
    private static readonly string[] Block4 = ["DOCKER-USER", "-i", "tfe-runs", "-d", "169.254.169.254/32", "-j", "DROP"];
    private static readonly string[] Block6 = ["FORWARD", "-i", "tfe-runs", "-d", "fd00:ec2::254/128", "-j", "DROP"];

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [InlineData(NodeVariant.InternalNlb)]
    public void Blocks_Instance_Metadata_For_The_Run_Network_Before_Tfe_Starts(NodeVariant variant)
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());

        var run = node.Boot(NodeScripts.Render(variant));

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        var dockerRun = run.Calls.Of("docker", "run").Single();
        var network = run.Calls.Of("docker", "network", "create").Single();
        Assert.Equal("bridge", network.Option("--driver"));
        Assert.Equal("com.docker.network.bridge.name=tfe-runs", network.Option("--opt"));
        Assert.Equal("tfe-runs", network.Args[^1]);
        var insert4 = run.Calls.Of("iptables", ["-I", .. Block4]).Single();
        var insert6 = run.Calls.Of("ip6tables", ["-I", .. Block6]).Single();
        Assert.Equal(["-I", .. Block4], insert4.Args);
        Assert.Equal(["-I", .. Block6], insert6.Args);
        var enable = run.Calls.Of("systemctl", "enable", Unit).Single();
        foreach (var step in new[] { network, insert4, insert6, enable })
        {
            Assert.True(step.Index < dockerRun.Index, $"{step} comes after {dockerRun}\n{run}");
        }

        // Each rule was checked first (idempotent), and the runs are told to use the blocked network.
        Assert.True(run.Calls.Of("iptables", ["-C", .. Block4]).Single().Index < insert4.Index, run.ToString());
        Assert.True(run.Calls.Of("ip6tables", ["-C", .. Block6]).Single().Index < insert6.Index, run.ToString());
        Assert.Contains("TFE_RUN_PIPELINE_DOCKER_NETWORK=tfe-runs", node.ReadFile("/etc/tfe/tfe.env").Split('\n'));
        Assert.Contains("WantedBy=docker.service\n", node.ReadFile($"/etc/systemd/system/{Unit}"), StringComparison.Ordinal);
    }

    [SandboxFact]
    public void Adds_No_Second_Rule_When_The_Block_Is_Already_In_Place()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.IptablesRules.Add(string.Join(' ', Block4));
        node.Scenario.Ip6tablesRules.Add(string.Join(' ', Block6));

        var boot = node.Boot(NodeScripts.Render(NodeVariant.ActiveActive));

        Assert.True(boot.ExitCode == 0 && !boot.TimedOut, boot.ToString());
        Assert.Single(boot.Calls.Of("iptables", ["-C", .. Block4]));
        Assert.Single(boot.Calls.Of("ip6tables", ["-C", .. Block6]));
        Assert.Empty(boot.Calls.Of("iptables", "-I"));
        Assert.Empty(boot.Calls.Of("ip6tables", "-I"));

        // Docker restarts: the unit runs the same rules, and still adds nothing twice.
        var restart = node.Run("/bin/bash", "-c", $"systemctl start {Unit} && systemctl is-active {Unit}");

        Assert.True(restart.ExitCode == 0 && restart.Stdout == "active\n", restart.ToString());
        Assert.Single(restart.Calls.Of("iptables", ["-C", .. Block4]));
        Assert.Single(restart.Calls.Of("ip6tables", ["-C", .. Block6]));
        Assert.Empty(restart.Calls.Of("iptables", "-I"));
        Assert.Empty(restart.Calls.Of("ip6tables", "-I"));
    }
}
