using System.Runtime.Versioning;
using static Tfe.Cdk.Tests.Bootstrap.NodeScripts;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// The boot gate's edges (OPS-4, docs/node-lifecycle.md "Edges"): what can never clear by itself fails the boot at once
/// with its reason; a lost leader holds the next leader back until it is Terminated; the signal is retried.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class BootGateEdgeTests
{
    private const string LowerId = "i-00aa11bb22cc33dd4";
    private const string HigherId = "i-0fedcba9876543210";
    private const string HigherIp = "10.0.3.30";

    [SandboxTheory]
    [InlineData("Standby", "3", "i-00aa11bb22cc33dd4 (version 3, Standby)")]
    [InlineData("InService", null, "i-00aa11bb22cc33dd4 (version none: attached without the launch template, InService)")]
    [Trait("Rule", "OPS-4")]
    public void Fails_At_Once_On_An_Instance_That_Can_Never_Leave_By_Itself_OPS_4(string state, string? version, string named)
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.json"] = Group(1, new GroupInstance(LowerId, state, version), new GroupInstance(InstanceId));

        var run = node.Boot(Render(NodeVariant.ActiveActive));

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Single(run.Calls.Of("aws", "autoscaling", "describe-auto-scaling-groups"));
        Assert.Empty(run.Calls.Of("sleep"));
        Assert.Empty(run.Calls.Of("docker", "run"));
        Assert.Contains($"FAILED: boot gate: {named} can never leave the group by itself and may run another release against the database (OPS-4); terminate or detach it, then deploy again\n",
            run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-4")]
    public void An_Old_Instance_Being_Replaced_Normally_Is_Still_Waited_For_OPS_4()
    {
        // InService and Pending old-version instances leave through the update policy: wait, and look for a refresh.
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws.Remove("autoscaling.describe-auto-scaling-groups.json");
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.1.json"] = Group(1, new GroupInstance(LowerId, "InService", "3"), new GroupInstance(InstanceId));
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.2.json"] = Group(1, new GroupInstance(InstanceId));

        var run = node.Boot(Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 0, run.ToString());
        var refreshLook = run.Calls.Of("aws", "autoscaling", "describe-instance-refreshes").Single();
        Assert.Equal(GroupName, refreshLook.Option("--auto-scaling-group-name"));
        Assert.True(refreshLook.Index < run.Calls.Of("docker", "run").Single().Index, run.ToString());
    }

    [SandboxTheory]
    [InlineData("InProgress")]
    [InlineData("Pending")]
    [Trait("Rule", "OPS-4")]
    public void Refuses_An_Instance_Refresh_That_Keeps_Old_Nodes_In_Service_OPS_4(string status)
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.json"] =
            Group(2, new GroupInstance(LowerId, "InService", "3"), new GroupInstance(InstanceId), new GroupInstance(HigherId, "Terminated", "3"));
        node.Scenario.Aws["autoscaling.describe-instance-refreshes.json"] =
            $$"""{"InstanceRefreshes": [{"InstanceRefreshId": "08b91cf7-8fa6-48af-b6a6-d227f40f1b9b", "AutoScalingGroupName": "{{GroupName}}", "Status": "{{status}}", "PercentageComplete": 50}]}""";

        var run = node.Boot(Render(NodeVariant.ActiveActive));

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Empty(run.Calls.Of("sleep"));
        Assert.Contains($"FAILED: boot gate: instance refresh 08b91cf7-8fa6-48af-b6a6-d227f40f1b9b ({status}) on group {GroupName} keeps old nodes in service", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("cancel it (aws autoscaling cancel-instance-refresh)", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-4")]
    public void A_Finished_Refresh_Or_A_Failed_Look_Never_Blocks_The_Wait_OPS_4()
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws.Remove("autoscaling.describe-auto-scaling-groups.json");
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.1.json"] = Group(1, new GroupInstance(LowerId, "Terminating:Wait", "3"), new GroupInstance(InstanceId));
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.3.json"] = Group(1, new GroupInstance(InstanceId));
        node.Scenario.Aws.Remove("autoscaling.describe-instance-refreshes.json");
        node.Scenario.Aws["autoscaling.describe-instance-refreshes.1.json"] = """{"InstanceRefreshes": [{"InstanceRefreshId": "r-1", "Status": "Successful"}]}""";
        node.Scenario.Aws["autoscaling.describe-instance-refreshes.2.json"] = "not json";

        var run = node.Boot(Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.Calls.Of("aws", "autoscaling", "describe-instance-refreshes").Count);
        Assert.Equal(["0"], run.Calls.Signals);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-4")]
    public void A_Look_Jq_Cannot_Read_Is_Logged_And_Retried_OPS_4()
    {
        // One jq reads each look (gate_look): an answer it cannot read (a lifecycle state that is not a string) is a
        // failed look, retried at the next turn, never a boot stopped by jq's own error nor a decision on half a look.
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws.Remove("autoscaling.describe-auto-scaling-groups.json");
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.1.json"] = Group(1, new GroupInstance(InstanceId)).Replace("\"InService\"", "5", StringComparison.Ordinal);
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.2.json"] = Group(1, new GroupInstance(InstanceId));

        var run = node.Boot(Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.Calls.Of("aws", "autoscaling", "describe-auto-scaling-groups").Count);
        Assert.Contains("boot gate: describe-auto-scaling-groups answered what jq cannot read; retrying\n", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["0"], run.Calls.Signals);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-4")]
    public void The_Next_Leader_Waits_Until_A_Lost_Leader_Is_Terminated_OPS_4()
    {
        // The leader (lowest id) is lost while it may be migrating: the group replaces it. This node now has the lowest id
        // of the full set, but leads only once the lost leader is Terminated.
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws.Remove("autoscaling.describe-auto-scaling-groups.json");
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.1.json"] =
            Group(2, new GroupInstance(LowerId, "Terminating:Wait"), new GroupInstance(InstanceId), new GroupInstance(HigherId, "Pending"));
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.2.json"] =
            Group(2, new GroupInstance(LowerId, "Terminating:Proceed"), new GroupInstance(InstanceId), new GroupInstance(HigherId));
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.3.json"] =
            Group(2, new GroupInstance(LowerId, "Terminated"), new GroupInstance(InstanceId), new GroupInstance(HigherId));
        node.Scenario.Aws["ec2.describe-instances.json"] = Instances((HigherId, HigherIp));

        var run = node.Boot(Render(NodeVariant.ActiveActive));

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var describes = run.Calls.Of("aws", "autoscaling", "describe-auto-scaling-groups");
        Assert.Equal(3, describes.Count);
        Assert.True(describes[^1].Index < run.Calls.Of("docker", "run").Single().Index, run.ToString());
        // The lost leader is never a peer; the other new node is probed (it could be healthy) while this one waits.
        Assert.Empty(run.Calls.HealthProbes(Hostname, "10.0.1.10"));
        Assert.Equal(2, run.Calls.HealthProbes(Hostname, HigherIp).Count);
        Assert.Contains($"boot gate: wait: {LowerId} (Terminating:Wait) of version {LaunchTemplateVersion} is terminating and may be a leader lost while starting the database; leading only once it is Terminated", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"boot gate: lead: 2 of 2 instances of version {LaunchTemplateVersion}", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-4")]
    public void A_Lost_Leader_Never_Stops_A_Join_To_A_Healthy_Peer_OPS_4()
    {
        // A failed active/active node in Terminating:Wait: its replacement joins the healthy peers at once.
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.json"] =
            Group(2, new GroupInstance(LowerId, "Terminating:Wait"), new GroupInstance(InstanceId), new GroupInstance(HigherId));
        node.Scenario.Aws["ec2.describe-instances.json"] = Instances((HigherId, HigherIp));
        node.Scenario.Health[HigherIp] = "200";

        var run = node.Boot(Render(NodeVariant.ActiveActive));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(run.Calls.Of("aws", "autoscaling", "describe-auto-scaling-groups"));
        Assert.Contains($"boot gate: join: peer {HigherIp}", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "COMP-3")]
    public void Retries_A_Failed_Signal_With_Backoff_COMP_3()
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Knobs["FAKE_CFN_SIGNAL_FAILS"] = "2";

        var run = node.Boot(Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 0, run.ToString());
        var signals = run.Calls.Of("cfn-signal");
        Assert.Equal(["0", "0", "0"], run.Calls.Signals);
        var pauses = run.Calls.Of("sleep").Where(c => c.Index > signals[0].Index).Select(c => c.Args[0]);
        Assert.Equal(["2", "4"], pauses);
        Assert.Contains("cfn-signal failed (attempt 2 of 5); retrying in 4 seconds", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "COMP-3")]
    public void Gives_Up_After_Five_Signals_Without_Failing_The_Node_Twice_COMP_3()
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Knobs["FAKE_CFN_SIGNAL_FAILS"] = "9";
        node.Scenario.Secrets.Remove(LicenseArn);

        var run = node.Boot(Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["1", "1", "1", "1", "1"], run.Calls.Signals);
        Assert.Equal(["2", "4", "8", "16"], run.Calls.Of("sleep").Select(c => c.Args[0]));
        Assert.Contains("cfn-signal failed 5 times; CloudFormation will time out on this node", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "COMP-3")]
    public void The_Bootstrap_Retries_Its_Failure_Signal_Too_COMP_3()
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Knobs["FAKE_CFN_INIT_FAILS"] = "1";
        node.Scenario.Knobs["FAKE_CFN_SIGNAL_FAILS"] = "1";

        var run = node.Boot(Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["1", "1"], run.Calls.Signals);
        Assert.Equal(["2"], run.Calls.Of("sleep").Select(c => c.Args[0]));
    }
}
