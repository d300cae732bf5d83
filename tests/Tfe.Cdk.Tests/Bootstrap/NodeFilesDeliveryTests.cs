using System.Runtime.Versioning;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// The user data's own part (docs/node-lifecycle.md, "Boot logic as files"): cfn-init writes the node's files from the
/// launch template's metadata, the boot runs them as delivered, and a failure before they run still signals failure.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(SandboxCollection.Name)]
public sealed class NodeFilesDeliveryTests
{
    [SandboxFact]
    [Trait("Rule", "COMP-4")]
    public void Cfn_Init_Writes_Every_Node_File_With_Its_Mode_Before_The_Boot_Runs_Them_COMP_4()
    {
        var (node, run) = HealthyBoots.Of(NodeVariant.ActiveActive);

        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.ToString());
        var init = run.Calls.Of("cfn-init").Single();
        Assert.Equal(["--verbose", "--stack", "TfeActiveActive", "--resource", "TfeAppLaunchTemplate1A2B3C4D", "--region", "us-east-1"], init.Args);
        Assert.True(init.Index < run.Calls.Of("docker")[0].Index, run.ToString());
        foreach (var file in TfeNodeFiles.All)
        {
            Assert.Equal(file.Content, node.ReadFile(file.NodePath));
            Assert.Equal(file.Mode == "000755" ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100, File.GetUnixFileMode(node.HostPath(file.NodePath)));
        }

        // The configuration the user data wrote, root-only; the boot read it.
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(node.HostPath("/etc/tfe/node.conf")));
        Assert.Contains("readonly STACK_NAME='TfeActiveActive'\n", node.ReadFile("/etc/tfe/node.conf"), StringComparison.Ordinal);
        Assert.Equal(["0"], run.Calls.Signals);
    }

    [SandboxTheory]
    [InlineData("FAKE_CFN_INIT_FAILS", "cfn-init could not write the node's files")]
    [InlineData("FAKE_DNF_FAILS", "Cannot download repomd.xml")]
    [Trait("Rule", "COMP-3")]
    public void A_Failure_Before_The_Node_Files_Run_Signals_Failure_Once_COMP_3(string knob, string reason)
    {
        using var node = new NodeMachine(NodeScripts.HealthyScenario());
        node.Scenario.Knobs[knob] = "1";

        var run = node.Boot(NodeScripts.Render(NodeVariant.Standalone));

        Assert.True(run.ExitCode == 1 && !run.TimedOut, run.ToString());
        Assert.Equal(["1"], run.Calls.Signals);
        Assert.Equal(new[] { "--stack", "TfeStandalone", "--resource", "TfeAppAutoScalingGroupASG1A2B3C4D", "--region", "us-east-1" },
            run.Calls.Of("cfn-signal").Single().Args.Skip(2));
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("before /usr/local/lib/tfe/tfe-boot.sh ran; signalling failure\n", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Calls.Of("docker"));
        Assert.False(File.Exists(node.HostPath("/usr/local/lib/tfe/tfe-boot.sh")));
    }
}
