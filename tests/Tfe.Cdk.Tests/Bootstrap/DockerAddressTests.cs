using System.Runtime.Versioning;
using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// Docker's addresses on the node (issue 15 item 6; docs/node-lifecycle.md, "Docker's addresses"): daemon.json is written
/// before Docker first starts, and the run network takes its subnet from the same range.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class DockerAddressTests
{
    [SandboxFact]
    public void Docker_Takes_Its_Bridge_Pools_And_Run_Network_From_The_Chosen_Range_Before_It_First_Starts()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        // A daemon.json the image already carries keeps its own settings.
        Directory.CreateDirectory(Path.GetDirectoryName(node.HostPath("/etc/docker/daemon.json"))!);
        File.WriteAllText(node.HostPath("/etc/docker/daemon.json"), """{"log-level": "warn"}""");

        var run = node.Boot(NodeScripts.Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 0, run.ToString());
        var daemon = JsonNode.Parse(node.ReadFile("/etc/docker/daemon.json"))!;
        Assert.Equal("172.17.0.1/24", (string?)daemon["bip"]);
        Assert.Equal("172.17.128.0/17", (string?)daemon["default-address-pools"]![0]!["base"]);
        Assert.Equal(24, (int?)daemon["default-address-pools"]![0]!["size"]);
        Assert.Single(daemon["default-address-pools"]!.AsArray());
        Assert.Equal("warn", (string?)daemon["log-level"]);
        Assert.Equal(Convert.ToInt32("644", 8), (int)File.GetUnixFileMode(node.HostPath("/etc/docker/daemon.json")));

        var network = run.Calls.Of("docker", "network", "create").Single();
        Assert.Equal("172.17.1.0/24", network.Option("--subnet"));
        Assert.Equal("com.docker.network.bridge.name=tfe-runs", network.Option("--opt"));
        Assert.True(network.Index < run.Calls.Of("docker", "run").Single().Index, run.ToString());
        // Nothing calls Docker before it is started (the script's order, daemon.json first, is checked in TfeNodeScriptTests).
        var dockerStart = run.Calls.Of("systemctl", "enable", "--now", "docker").Single();
        Assert.DoesNotContain(run.Calls.All, c => c.Program == "docker" && c.Index < dockerStart.Index);
    }
}
