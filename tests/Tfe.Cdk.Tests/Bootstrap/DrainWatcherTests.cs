using System.Runtime.Versioning;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// Active/Active draining (OPS-3), run: the node boots, then the harness runs the watcher it installed while the
/// instance metadata reports the termination lifecycle state.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class DrainWatcherTests
{
    private const string Watcher = "/usr/local/bin/tfe-drain-watch";

    [SandboxFact]
    [Trait("Rule", "OPS-3")]
    public void Drains_The_Node_Then_Completes_The_Lifecycle_Action_When_Terminating_OPS_3()
    {
        using var node = BootedActiveActiveNode();
        node.Scenario.Metadata["autoscaling/target-lifecycle-state"] = BootScenario.Sequence("InService", "InService", "Terminated");

        var run = node.Run(Watcher);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var drain = run.Calls.Of("docker", "exec", "terraform-enterprise", "tfectl", "node", "drain").Single();
        var complete = run.Calls.Of("aws", "autoscaling", "complete-lifecycle-action").Single();
        Assert.True(drain.Index < complete.Index, run.ToString());
        Assert.Equal(2, run.Calls.Of("sleep").Count(c => c.Index < drain.Index));
        Assert.Equal("us-east-1", complete.Option("--region"));
        Assert.Equal(NodeScripts.GroupName, complete.Option("--auto-scaling-group-name"));
        Assert.Equal("tfe-drain", complete.Option("--lifecycle-hook-name"));
        Assert.Equal(NodeScripts.InstanceId, complete.Option("--instance-id"));
        Assert.Equal("CONTINUE", complete.Option("--lifecycle-action-result"));
    }

    [SandboxFact]
    [Trait("Rule", "OPS-3")]
    public void Releases_The_Node_When_The_Drain_Fails_OPS_3()
    {
        using var node = BootedActiveActiveNode();
        node.Scenario.Metadata["autoscaling/target-lifecycle-state"] = "Terminated";
        node.Scenario.Knobs["FAKE_DOCKER_FAILS"] = "exec";

        var run = node.Run(Watcher);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Contains("tfectl node drain failed or timed out; waiting for the runs anyway", run.Stdout, StringComparison.Ordinal);
        Assert.True(run.Calls.Of("docker", "exec").Single().Index < run.Calls.Of("aws", "autoscaling", "complete-lifecycle-action").Single().Index, run.ToString());
    }

    [SandboxFact]
    [Trait("Rule", "OPS-3")]
    public void Completes_The_Lifecycle_Action_Only_Once_No_Run_Is_Left_On_The_Node_OPS_3()
    {
        using var node = BootedActiveActiveNode();
        node.Scenario.Metadata["autoscaling/target-lifecycle-state"] = "Terminated";
        node.Scenario.Docker["ps.network.tfe-runs"] = BootScenario.Sequence("run1 run2", "run2", "none");

        var run = node.Run(Watcher);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var drain = run.Calls.Of("docker", "exec", "terraform-enterprise", "tfectl", "node", "drain").Single();
        var looks = run.Calls.Of("docker", "ps");
        Assert.Equal(3, looks.Count);
        Assert.All(looks, l => Assert.Equal(["ps", "--quiet", "--filter", "network=tfe-runs"], l.Args));
        var complete = run.Calls.Of("aws", "autoscaling", "complete-lifecycle-action").Single();
        Assert.True(drain.Index < looks[0].Index && looks[^1].Index < complete.Index, run.ToString());
        Assert.Equal(2, run.Calls.Of("sleep").Count(c => c.Index > looks[0].Index && c.Index < complete.Index));
        Assert.Contains("Drain status: draining\nDrain status: draining\nDrain status: standby (no run left on this node)\n", run.Stdout, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-3")]
    public void Releases_The_Node_When_The_Drain_Timeout_Ends_With_Runs_Left_OPS_3()
    {
        using var node = BootedActiveActiveNode(NodeScripts.Configuration(NodeVariant.ActiveActive) with { Drain = new DrainHook("tfe-drain", 0) });
        node.Scenario.Metadata["autoscaling/target-lifecycle-state"] = "Terminated";
        node.Scenario.Docker["ps.network.tfe-runs"] = "run1";

        var run = node.Run(Watcher);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var look = run.Calls.Of("docker", "ps").Single();
        Assert.True(look.Index < run.Calls.Of("aws", "autoscaling", "complete-lifecycle-action").Single().Index, run.ToString());
        Assert.Contains("Drain did not finish in time: status draining after 0 seconds; releasing the node", run.Stdout, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-3")]
    public void Never_Takes_A_Failing_Status_Look_For_Standby_OPS_3()
    {
        using var node = BootedActiveActiveNode(NodeScripts.Configuration(NodeVariant.ActiveActive) with { Drain = new DrainHook("tfe-drain", 0) });
        node.Scenario.Metadata["autoscaling/target-lifecycle-state"] = "Terminated";
        node.Scenario.Knobs["FAKE_DOCKER_DAEMON_DOWN"] = "1";

        var run = node.Run(Watcher);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Contains("Drain did not finish in time: status error", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("standby", run.Stdout, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-3")]
    public void Boot_Installs_And_Starts_The_Watcher_Before_Signalling_OPS_3()
    {
        var (node, run) = HealthyBoots.Of(NodeVariant.ActiveActive);

        Assert.True(run.ExitCode == 0, run.ToString());
        var enable = run.Calls.Of("systemctl", "enable", "--now", "tfe-drain-watch.service").Single();
        Assert.True(enable.Index < run.Calls.Of("cfn-signal").Single().Index, run.ToString());
        Assert.Contains("ExecStart=/usr/local/bin/tfe-drain-watch\n", node.ReadFile("/etc/systemd/system/tfe-drain-watch.service"), StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(node.HostPath(Watcher)));
        // The watcher only waits while the node is in service: the boot never drains it.
        Assert.Empty(run.Calls.Of("docker", "exec"));
    }

    private static NodeMachine BootedActiveActiveNode(TfeNodeConfiguration? configuration = null)
    {
        if (configuration is null)
        {
            return HealthyBoots.Copy(NodeVariant.ActiveActive); // the same boot as every other healthy A/A test's
        }

        var node = new NodeMachine(NodeScripts.HealthyScenario());
        try
        {
            var boot = node.Boot(TfeNodeScript.Render(configuration, 1500));
            Assert.True(boot.ExitCode == 0, boot.ToString());
            return node;
        }
        catch
        {
            // A failed boot, or a script the harness cannot run (timing lines), must not leave the folder behind.
            node.Dispose();
            throw;
        }
    }
}
