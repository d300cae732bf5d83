using System.Runtime.Versioning;
using System.Text.Json;
using Tfe.Cdk.Constructs;
using static Tfe.Cdk.Tests.Bootstrap.NodeScripts;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// The fail-back fence of a DR pair's primary (DR-5, docs/disaster-recovery.md), run: a primary node reads the DR
/// region's latch alarm before starting TFE, and never starts against a database the DR region has taken over.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class FenceTests
{
    private const string DrRegion = "us-west-2";
    private const string Alarm = "tfe-sample-us-west-2-standby-intact";
    private const string Override = "/tfe-sample/fence-override";

    private static string RenderPrimary(NodeVariant variant) =>
        TfeNodeScript.Render(Configuration(variant) with { Fence = new TfeNodeFence(DrRegion, Alarm, Override) }, 1500);

    private static string AlarmState(string state) => JsonSerializer.Serialize(new
    {
        MetricAlarms = new[] { new { AlarmName = Alarm, StateValue = state, StateReason = "Threshold Crossed" } },
        CompositeAlarms = Array.Empty<object>(),
    });

    private const string NoOverride =
        "An error occurred (ParameterNotFound) when calling the GetParameter operation: \n";

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [Trait("Rule", "DR-5")]
    public void Dr_Standby_Promoted_No_Docker_Run_And_A_Failure_Signal_Naming_The_Reason_DR_5(NodeVariant variant)
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["cloudwatch.describe-alarms.json"] = AlarmState("ALARM");
        node.Scenario.Aws["ssm.get-parameter.error"] = NoOverride;

        var run = node.Boot(RenderPrimary(variant));

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Empty(run.Calls.Of("docker", "run"));
        Assert.Empty(run.Calls.HealthProbes(Hostname, "127.0.0.1"));
        var read = run.Calls.Of("aws", "cloudwatch", "describe-alarms").Single();
        Assert.Equal(DrRegion, read.Option("--region"));
        Assert.Equal(Alarm, read.Option("--alarm-names"));
        Assert.Equal("us-east-1", run.Calls.Of("aws", "ssm", "get-parameter").Single().Option("--region"));
        Assert.Empty(run.Calls.Of("aws", "ssm", "delete-parameter"));
        Assert.Contains($"FAILED: fenced: {DrRegion} standby promoted (alarm {Alarm} in ALARM); fail back per docs/disaster-recovery.md\n",
            run.Stderr, StringComparison.Ordinal);
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [Trait("Rule", "DR-5")]
    public void Dr_Standby_Still_A_Replica_Boots_After_Reading_The_Latch_DR_5(NodeVariant variant)
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["cloudwatch.describe-alarms.json"] = AlarmState("OK");

        var run = node.Boot(RenderPrimary(variant));

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        var read = run.Calls.Of("aws", "cloudwatch", "describe-alarms").Single();
        var gate = run.Calls.Of("aws", "autoscaling", "describe-auto-scaling-groups")[^1];
        var dockerRun = run.Calls.Of("docker", "run").Single();
        // Read after the boot gate, right before TFE starts: the freshest answer.
        Assert.True(gate.Index < read.Index && read.Index < dockerRun.Index, run.ToString());
        Assert.Empty(run.Calls.Of("aws", "ssm"));
        Assert.Contains($"fence: open: alarm {Alarm} in {DrRegion} is OK", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "DR-5")]
    public void Unknown_Latch_Waits_And_Starts_Once_The_Alarm_Reads_OK_DR_5()
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["cloudwatch.describe-alarms.1.json"] = AlarmState("INSUFFICIENT_DATA");
        node.Scenario.Aws["cloudwatch.describe-alarms.2.json"] = """{"MetricAlarms": [], "CompositeAlarms": []}""";
        node.Scenario.Aws["cloudwatch.describe-alarms.3.json"] = AlarmState("OK");

        var run = node.Boot(RenderPrimary(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var reads = run.Calls.Of("aws", "cloudwatch", "describe-alarms");
        Assert.Equal(3, reads.Count);
        Assert.True(reads[^1].Index < run.Calls.Of("docker", "run").Single().Index, run.ToString());
        Assert.Contains($"fence: wait: alarm {Alarm} in {DrRegion} is INSUFFICIENT_DATA; retrying", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"fence: wait: alarm {Alarm} in {DrRegion} is MISSING; retrying", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxTheory]
    [InlineData("unreachable")]
    [InlineData("insufficient data")]
    [Trait("Rule", "DR-5")]
    public void Dr_Region_Unreachable_Until_The_Deadline_Fails_Closed_DR_5(string situation)
    {
        using var node = new NodeMachine(HealthyScenario());
        if (situation == "unreachable")
        {
            node.Scenario.Aws["cloudwatch.describe-alarms.error"] =
                $"Could not connect to the endpoint URL: \"https://monitoring.{DrRegion}.amazonaws.com/\"\n";
        }
        else
        {
            node.Scenario.Aws["cloudwatch.describe-alarms.json"] = AlarmState("INSUFFICIENT_DATA");
        }

        node.Scenario.Aws["ssm.get-parameter.error"] = NoOverride;

        var run = node.Boot(RenderPrimary(NodeVariant.Standalone), deadlineSeconds: 0);

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Empty(run.Calls.Of("docker", "run"));
        Assert.Single(run.Calls.Of("aws", "cloudwatch", "describe-alarms"));
        var cause = situation == "unreachable" ? $"alarm {Alarm} in {DrRegion} cannot be read" : $"alarm {Alarm} in {DrRegion} is INSUFFICIENT_DATA";
        Assert.Contains($"FAILED: fenced: the state of the DR standby is unknown ({cause}) after 0 seconds of boot; not starting TFE against a database that may be stale (fail closed; docs/disaster-recovery.md)\n",
            run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "DR-5")]
    public void Operator_Override_Starts_Once_And_Is_Consumed_Before_Tfe_Starts_DR_5()
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["cloudwatch.describe-alarms.json"] = AlarmState("ALARM");
        node.Scenario.Aws["ssm.get-parameter.json"] = JsonSerializer.Serialize(new
        {
            Parameter = new { Name = Override, Type = "String", Value = TfeNodeFence.OverrideValue, Version = 1 },
        });
        node.Scenario.Aws["ssm.delete-parameter.json"] = string.Empty;

        var run = node.Boot(RenderPrimary(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        var delete = run.Calls.Of("aws", "ssm", "delete-parameter").Single();
        Assert.Equal(Override, delete.Option("--name"));
        Assert.Equal("us-east-1", delete.Option("--region"));
        Assert.True(delete.Index < run.Calls.Of("docker", "run").Single().Index, run.ToString());
        Assert.Contains($"fence: OVERRIDE: {Override} = start-once (deleted, used once); starting TFE although {DrRegion} standby promoted", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "DR-5")]
    public void Override_That_Cannot_Be_Deleted_Does_Not_Open_The_Fence_DR_5()
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["cloudwatch.describe-alarms.json"] = AlarmState("ALARM");
        node.Scenario.Aws["ssm.get-parameter.json"] = JsonSerializer.Serialize(new { Parameter = new { Name = Override, Value = TfeNodeFence.OverrideValue } });
        node.Scenario.Aws["ssm.delete-parameter.error"] = "An error occurred (AccessDeniedException) when calling the DeleteParameter operation\n";

        var run = node.Boot(RenderPrimary(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Empty(run.Calls.Of("docker", "run"));
        Assert.Contains("could not be deleted; ignoring it", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("FAILED: fenced: us-west-2 standby promoted", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "DR-5")]
    public void A_Node_Outside_A_Dr_Pair_Reads_No_Latch_DR_5()
    {
        var (node, run) = HealthyBoots.Of(NodeVariant.Standalone);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Empty(run.Calls.Of("aws", "cloudwatch"));
        Assert.Empty(run.Calls.Of("aws", "ssm"));
    }
}
