using System.Runtime.Versioning;
using static Tfe.Cdk.Tests.Bootstrap.NodeScripts;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// The boot gate (OPS-4, docs/node-lifecycle.md), run: which node starts TFE, and when, given what the Auto Scaling
/// group and the peers' health endpoints answer. The node under test is always <see cref="NodeScripts.InstanceId"/>.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class BootGateTests
{
    private const string LowerId = "i-00aa11bb22cc33dd4";   // sorts before InstanceId: the leader when it is listed
    private const string HigherId = "i-0fedcba9876543210";  // sorts after InstanceId
    private const string LowerIp = "10.0.1.10";
    private const string HigherIp = "10.0.3.30";

    [SandboxFact]
    [Trait("Rule", "OPS-4")]
    public void Follower_Starts_Tfe_Only_After_The_Leader_Answers_Healthy_OPS_4()
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.json"] =
            Group(3, new GroupInstance(LowerId), new GroupInstance(InstanceId), new GroupInstance(HigherId, "Pending"));
        node.Scenario.Aws["ec2.describe-instances.json"] = Instances((LowerId, LowerIp), (HigherId, HigherIp));
        node.Scenario.Health[LowerIp] = BootScenario.Sequence("refused", "503", "200");

        var run = node.Boot(Render(NodeVariant.ActiveActive));

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        var dockerRun = run.Calls.Of("docker", "run").Single();
        var leaderProbes = run.Calls.HealthProbes(Hostname, LowerIp);
        Assert.Equal(3, leaderProbes.Count);
        Assert.True(leaderProbes[^1].Index < dockerRun.Index, run.ToString());
        // The other follower is probed too (it could be healthy), but never answers.
        Assert.Equal(2, run.Calls.HealthProbes(Hostname, HigherIp).Count);
        Assert.All(run.Calls.Of("curl").Where(c => c.Option("--resolve") is { } pin && !pin.EndsWith(":127.0.0.1", StringComparison.Ordinal)),
            probe => Assert.True(probe.Index < dockerRun.Index, run.ToString()));
        var describes = run.Calls.Of("aws", "autoscaling", "describe-auto-scaling-groups");
        Assert.Equal(3, describes.Count);
        Assert.All(describes, d => Assert.Equal(GroupName, d.Option("--auto-scaling-group-names")));
        var lookup = run.Calls.Of("aws", "ec2", "describe-instances")[0];
        Assert.Contains(LowerId, lookup.Args);
        Assert.Contains(HigherId, lookup.Args);
        Assert.DoesNotContain(InstanceId, lookup.Args);
        Assert.Equal(2, run.Calls.Of("sleep", "0").Count(c => c.Index > describes[0].Index && c.Index < dockerRun.Index));
        Assert.Contains($"boot gate: wait: leader {LowerId} starts first", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"boot gate: join: peer {LowerIp} of launch template version {LaunchTemplateVersion} answers healthy", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxFact]
    [Trait("Rule", "OPS-4")]
    public void Leader_Starts_Tfe_Without_Probing_Peers_Once_The_Group_Is_Complete_OPS_4()
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.json"] =
            Group(3, new GroupInstance(HigherId, "Pending"), new GroupInstance(InstanceId), new GroupInstance("i-0a1b2c3d4e5f60718"));

        var run = node.Boot(Render(NodeVariant.ActiveActive));

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        Assert.Single(run.Calls.Of("aws", "autoscaling", "describe-auto-scaling-groups"));
        Assert.Empty(run.Calls.Of("aws", "ec2", "describe-instances"));
        Assert.All(run.Calls.Of("curl").Select(c => c.Option("--resolve")).OfType<string>(),
            pin => Assert.Equal($"{Hostname}:443:127.0.0.1", pin));
        Assert.True(run.Calls.Of("aws", "autoscaling").Single().Index < run.Calls.Of("docker", "run").Single().Index, run.ToString());
        Assert.Contains($"boot gate: lead: 3 of 3 instances of version {LaunchTemplateVersion} are listed and {InstanceId} has the lowest id", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxTheory]
    [InlineData(NodeVariant.Standalone)]
    [InlineData(NodeVariant.ActiveActive)]
    [Trait("Rule", "OPS-4")]
    public void Waits_Until_No_Instance_Of_An_Older_Launch_Template_Version_Is_Left_OPS_4(NodeVariant variant)
    {
        // The old node has the lowest id and the group wants one node: only the version rule holds this node back.
        const string old = "i-0000000000000old1";
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws.Remove("autoscaling.describe-auto-scaling-groups.json");
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.1.json"] = Group(1, new GroupInstance(old, "Terminating:Wait", "3"), new GroupInstance(InstanceId));
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.2.json"] = Group(1, new GroupInstance(old, "Terminating:Proceed", "3"), new GroupInstance(InstanceId));
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.3.json"] = Group(1, new GroupInstance(InstanceId));

        var run = node.Boot(Render(variant));

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        Assert.Equal(["0"], run.Calls.Signals);
        var describes = run.Calls.Of("aws", "autoscaling", "describe-auto-scaling-groups");
        Assert.Equal(3, describes.Count);
        var dockerRun = run.Calls.Of("docker", "run").Single();
        Assert.True(describes[^1].Index < dockerRun.Index, run.ToString());
        Assert.Equal(2, run.Calls.Of("sleep", "0").Count(c => c.Index > describes[0].Index && c.Index < dockerRun.Index));
        // An instance of another version is never a peer: nobody is probed.
        Assert.Empty(run.Calls.Of("aws", "ec2", "describe-instances"));
        Assert.Contains($"boot gate: wait: instances of another configuration are still in the group: {old} (version 3, Terminating:Wait)\n", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{old} (version 3, Terminating:Proceed)\n", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"boot gate: lead: 1 of 1 instances of version {LaunchTemplateVersion}", run.Stderr, StringComparison.Ordinal);
    }

    [SandboxTheory]
    [InlineData("leader never healthy", "boot gate: wait: leader i-00aa11bb22cc33dd4 starts first")]
    [InlineData("group incomplete", "boot gate: wait: 2 of 3 instances of version 4 are listed; no healthy peer yet")]
    [Trait("Rule", "OPS-4")]
    public void Signals_One_Failure_When_The_Gate_Times_Out_OPS_4(string situation, string waitReason)
    {
        using var node = new NodeMachine(HealthyScenario());
        node.Scenario.Aws["autoscaling.describe-auto-scaling-groups.json"] = situation == "group incomplete"
            ? Group(3, new GroupInstance(InstanceId), new GroupInstance(HigherId)) // lowest id, but no full set: never lead alone
            : Group(3, new GroupInstance(LowerId), new GroupInstance(InstanceId), new GroupInstance(HigherId));
        node.Scenario.Aws["ec2.describe-instances.json"] = Instances((LowerId, LowerIp), (HigherId, HigherIp));
        node.Scenario.Health[LowerIp] = "503";

        var run = node.Boot(Render(NodeVariant.ActiveActive), deadlineSeconds: 0);

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Empty(run.Calls.Of("docker", "run"));
        Assert.Empty(run.Calls.HealthProbes(Hostname));
        Assert.Contains(waitReason, run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"FAILED: boot gate timeout: no healthy peer and no leader start within 0 seconds of boot (group {GroupName})\n", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("TFE bootstrap failed with status 1 (the reason is logged above); signalling failure\n", run.Stderr, StringComparison.Ordinal);
        // One look at the group, then the deadline: no pause in between.
        Assert.Single(run.Calls.Of("aws", "autoscaling", "describe-auto-scaling-groups"));
        Assert.Empty(run.Calls.Of("sleep"));
    }
}
