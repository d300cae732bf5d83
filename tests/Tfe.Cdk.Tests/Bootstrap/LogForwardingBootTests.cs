using System.Runtime.Versioning;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// TFE's native log forwarding on the node (docs/monitoring.md, "Log forwarding"): the container gets both settings and,
/// mounted read-only at the path one of them names, the Fluent Bit section the library rendered, with this node's instance
/// id filled in. One boot (the internal NLB variant forwards to S3; the other variants prove the default is off).
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class LogForwardingBootTests
{
    [SandboxFact]
    [Trait("Rule", "OPS-2")]
    public void The_Container_Gets_The_Settings_And_The_Rendered_Section_Mounted_Read_Only_OPS_2()
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());

        var run = node.Boot(NodeScripts.Render(NodeVariant.InternalNlb));

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var dockerRun = run.Calls.Of("docker", "run").Single();
        var volumes = dockerRun.Args.Select((arg, i) => (arg, i)).Where(a => a.arg == "--volume").Select(a => dockerRun.Args[a.i + 1]).ToList();
        Assert.Contains($"/etc/tfe/log-forwarding.conf:{TfeNodeLogForwarding.ContainerConfigPath}:ro", volumes);

        var env = node.ReadFile("/etc/tfe/tfe.env").Split('\n');
        Assert.Contains("TFE_LOG_FORWARDING_ENABLED=true", env);
        Assert.Contains($"TFE_LOG_FORWARDING_CONFIG_PATH={TfeNodeLogForwarding.ContainerConfigPath}", env);

        // What was rendered at synth, the node's instance id in place of the marker, nothing else changed ($UUID stays).
        var mounted = node.ReadFile("/etc/tfe/log-forwarding.conf");
        Assert.Equal(NodeScripts.LogForwardingConfig.Replace(TfeNodeLogForwarding.InstanceIdMarker, NodeScripts.InstanceId, StringComparison.Ordinal), mounted);
        Assert.Contains($"s3_key_format        /tfe-logs/{NodeScripts.InstanceId}/%Y/%m/%d/%H%M%S-$UUID.gz\n", mounted, StringComparison.Ordinal);
        Assert.Equal("644", Convert.ToString((int)File.GetUnixFileMode(node.HostPath("/etc/tfe/log-forwarding.conf")) & 0x1FF, 8));
        // Written before TFE starts.
        Assert.Contains("log forwarding: Fluent Bit [OUTPUT] in /etc/tfe/log-forwarding.conf", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }
}
