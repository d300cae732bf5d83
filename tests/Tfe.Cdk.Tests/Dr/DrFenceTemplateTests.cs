using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Dr;

/// <summary>
/// The fail-back fence as synthesized (DR-5): the primary's nodes know the DR latch alarm at synth, and their role may
/// read that one alarm and consume that one override parameter, granted at deploy (failover changes no IAM policy).
/// The fence's behaviour on the node is in <c>Bootstrap/FenceTests</c>.
/// </summary>
public sealed class DrFenceTemplateTests(MultiRegionSampleFixture f) : IClassFixture<MultiRegionSampleFixture>
{
    private DrApp A => f.App;

    private static IEnumerable<JsonObject> Statements(SynthesizedTemplate t) =>
        t.IdsOf("AWS::IAM::Policy").SelectMany(id => t.AllResources[id]!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s!.AsObject());

    private static JsonObject Sid(SynthesizedTemplate t, string sid) => Statements(t).Single(s => (string?)s["Sid"] == sid);

    [Fact]
    [Trait("Rule", "DR-5")]
    public void Primary_Nodes_Read_The_Dr_Latch_Alarm_Named_At_Synth_DR_5()
    {
        var userData = A.Primary.UserData();
        Assert.Contains("readonly FENCE_REGION='us-west-2'", userData, StringComparison.Ordinal);
        Assert.Contains("readonly FENCE_ALARM='tfe-sample-us-west-2-standby-intact'", userData, StringComparison.Ordinal);
        Assert.Contains("readonly FENCE_OVERRIDE_PARAMETER='/tfe-sample/fence-override'", userData, StringComparison.Ordinal);
        // The alarm the DR stack defines is the one the primary reads.
        Assert.Contains("\"AlarmName\":\"tfe-sample-us-west-2-standby-intact\"", A.Dr.Text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The DR region's own nodes are not fenced (they are the standby).
        Assert.Contains("readonly FENCE_ALARM=''", A.Dr.UserData(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DR-5")]
    public void Primary_Node_Role_May_Read_Only_That_Alarm_And_Consume_Only_That_Parameter_DR_5()
    {
        var read = Sid(A.Primary, "FailBackFenceReadDrLatch");
        Assert.Equal("cloudwatch:DescribeAlarms", (string?)read["Action"]);
        Assert.Contains(":cloudwatch:us-west-2:123456789012:alarm:tfe-sample-us-west-2-standby-intact", read["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        var consume = Sid(A.Primary, "FailBackFenceOverride");
        Assert.Equal(["ssm:DeleteParameter", "ssm:GetParameter"], consume["Action"]!.AsArray().Select(a => (string)a!).Order(StringComparer.Ordinal));
        Assert.Contains(":ssm:us-east-1:123456789012:parameter/tfe-sample/fence-override", consume["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Statements(A.Dr), s => ((string?)s["Sid"])?.StartsWith("FailBackFence", StringComparison.Ordinal) == true);
    }
}
