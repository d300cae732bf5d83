using System.Runtime.Versioning;
using static Tfe.Cdk.Tests.Bootstrap.NodeScripts;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// The node watchdog (OPS-3, docs/node-lifecycle.md), run: the node boots, then the harness runs the watchdog it
/// installed while this node's health endpoint answers a scenario. A node whose TFE gives no HTTP answer for
/// <c>WATCHDOG_FAILURES</c> probes in a row is marked Unhealthy (the group replaces it); a node that answers 503 (a
/// shared dependency down) is never.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class WatchdogTests
{
    private const string Watchdog = "/usr/local/bin/tfe-watchdog";
    private const int Failures = 20; // 300 s of no answer at the default 15 s poll

    /// <summary>A node booted healthy; then this node's health endpoint answers <paramref name="watchdogAnswers"/> (each run starts its sequences afresh).</summary>
    private static NodeMachine Booted(NodeVariant variant, params string[] watchdogAnswers)
    {
        var node = HealthyBoots.Copy(variant);
        node.Scenario.Aws["autoscaling.set-instance-health.json"] = string.Empty;
        node.Scenario.Health["127.0.0.1"] = BootScenario.Sequence(watchdogAnswers);
        return node;
    }

    private static List<Call> WatchdogProbes(BootRun run) =>
        run.Calls.HealthProbes(Hostname, "127.0.0.1").Where(c => c.Option("--write-out") is not null).ToList();

    private static string[] Repeat(string answer, int times) => Enumerable.Repeat(answer, times).ToArray();

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [Trait("Rule", "OPS-3")]
    public void A_Node_Whose_Tfe_Is_Dead_Is_Marked_Unhealthy_After_Five_Minutes_Of_No_Answer_OPS_3(NodeVariant variant)
    {
        using var node = Booted(variant, "refused", "timeout", "refused");

        var run = node.Run(Watchdog);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var mark = run.Calls.Of("aws", "autoscaling", "set-instance-health").Single();
        Assert.Equal(InstanceId, mark.Option("--instance-id"));
        Assert.Equal("Unhealthy", mark.Option("--health-status"));
        Assert.Equal("us-east-1", mark.Option("--region"));
        Assert.Equal(Failures, WatchdogProbes(run).Count);
        Assert.Empty(run.Calls.Of("aws", "elbv2"));
        Assert.Contains($"no answer from TFE at {HealthPath} ({Failures} of {Failures})", run.Stdout, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-3")]
    public void A_Ten_Minute_Dependency_Outage_Replaces_No_Node_OPS_3()
    {
        // 45 probes of 503 (over ten minutes at 15 s), healthy again, then (to end the run) the process dies.
        using var node = Booted(NodeVariant.ActiveActive, [.. Repeat("503", 45), "200", "refused"]);

        var run = node.Run(Watchdog);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var probes = WatchdogProbes(run);
        Assert.Equal(45 + 1 + Failures, probes.Count);
        var mark = run.Calls.Of("aws", "autoscaling", "set-instance-health").Single();
        Assert.True(probes[^1].Index < mark.Index, run.ToString());
        Assert.All(probes.Take(46), p => Assert.True(p.Index < mark.Index));
        Assert.Contains("TFE answers HTTP 503 at /_health_check: alive, not ready (a shared dependency may be down); the load balancer takes this node out of rotation, the group keeps it", run.Stdout, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-3")]
    public void A_Short_Gap_Without_Answer_Resets_Once_Tfe_Answers_Again_OPS_3()
    {
        using var node = Booted(NodeVariant.Standalone, [.. Repeat("refused", Failures - 1), "503", "refused"]);

        var run = node.Run(Watchdog);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Equal(Failures - 1 + 1 + Failures, WatchdogProbes(run).Count);
        Assert.Single(run.Calls.Of("aws", "autoscaling", "set-instance-health"));
    }

    [SandboxFact]
    [Trait("Rule", "OPS-3")]
    public void Internal_Nlb_A_Dead_Node_Deregisters_Its_Ip_Target_Before_It_Is_Replaced_OPS_3()
    {
        using var node = Booted(NodeVariant.InternalNlb, "refused");

        var run = node.Run(Watchdog);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var deregister = run.Calls.Of("aws", "elbv2", "deregister-targets").Single();
        Assert.Equal(TargetGroupArn, deregister.Option("--target-group-arn"));
        Assert.Equal($"Id={PrivateIp},Port=443", deregister.Option("--targets"));
        Assert.True(deregister.Index < run.Calls.Of("aws", "autoscaling", "set-instance-health").Single().Index, run.ToString());
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [InlineData(NodeVariant.InternalNlb)]
    [Trait("Rule", "OPS-3")]
    public void Boot_Installs_And_Starts_The_Watchdog_Before_Signalling_OPS_3(NodeVariant variant)
    {
        var (node, run) = HealthyBoots.Of(variant);

        Assert.True(run.ExitCode == 0, run.ToString());
        var enable = run.Calls.Of("systemctl", "enable", "--now", "tfe-watchdog.service").Single();
        Assert.True(enable.Index < run.Calls.Of("cfn-signal").Single().Index, run.ToString());
        Assert.Empty(run.Calls.Of("aws", "autoscaling", "set-instance-health"));
        Assert.Contains("ExecStart=/usr/local/bin/tfe-watchdog", node.ReadFile("/etc/systemd/system/tfe-watchdog.service"), StringComparison.Ordinal);
    }
}
