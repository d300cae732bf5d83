using System.Text.Json;
using Amazon.CDK.Assertions;
using Props = System.Collections.Generic.Dictionary<string, object>;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>
/// A blip is not a fleet replacement (OPS-3, docs/node-lifecycle.md): for every load balancer type the group checks EC2
/// health only (the load balancer's readiness probe only takes a node out of rotation), the node watchdog is installed,
/// and the node role may mark instances of its own group Unhealthy and nothing else. One test per load balancer type,
/// each on the fixture that already synthesizes it.
/// </summary>
public sealed class NodeHealthPerLoadBalancerTests(
    ApplicationLoadBalancerOptionsFixture alb, InternetNlbFixture nlb, InternalNlbFixture nlbIp, ClassicFixture clb)
    : IClassFixture<ApplicationLoadBalancerOptionsFixture>, IClassFixture<InternetNlbFixture>, IClassFixture<InternalNlbFixture>, IClassFixture<ClassicFixture>
{
    private static void AssertWatchdogOnly(StandaloneFixture f)
    {
        f.Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", new Props
        {
            ["HealthCheckType"] = "EC2",
            ["HealthCheckGracePeriod"] = Match.AnyValue(),
            ["Tags"] = Match.ArrayWith(new object[] { Match.ObjectLike(new Props { ["Key"] = "tfe:node-group" }) }),
        });
        Assert.Contains("readonly WATCHDOG_FAILURES=20", f.NodeUserData, StringComparison.Ordinal);
        Assert.Contains("/usr/local/lib/tfe/tfe-watchdog.sh", f.Synth.Text, StringComparison.Ordinal);
        var statement = f.NodeRoleStatements().Single(s => StandaloneFixture.Actions(s).Contains("autoscaling:SetInstanceHealth"));
        Assert.Equal(["autoscaling:SetInstanceHealth"], StandaloneFixture.Actions(statement));
        var tag = statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("autoscaling:ResourceTag/tfe:node-group").GetString();
        Assert.False(string.IsNullOrEmpty(tag));
        Assert.Contains(tag!, f.Synth.Text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-3")]
    public void Alb_Readiness_Only_Takes_Nodes_Out_Of_Rotation_The_Watchdog_Replaces_OPS_3()
    {
        AssertWatchdogOnly(alb);
        alb.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", new Props { ["HealthCheckPath"] = "/api/v1/health/readiness" });
    }

    [Fact]
    [Trait("Rule", "OPS-3")]
    public void Nlb_Instance_Targets_Readiness_Only_Takes_Nodes_Out_Of_Rotation_The_Watchdog_Replaces_OPS_3()
    {
        AssertWatchdogOnly(nlb);
        nlb.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", new Props { ["TargetType"] = "instance", ["HealthCheckPath"] = "/api/v1/health/readiness" });
    }

    [Fact]
    [Trait("Rule", "OPS-3")]
    public void Nlb_Ip_Targets_A_Dead_Node_Is_Replaced_And_Deregisters_Its_Own_Target_OPS_3()
    {
        AssertWatchdogOnly(nlbIp);
        nlbIp.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", new Props { ["TargetType"] = "ip", ["HealthCheckPath"] = "/api/v1/health/readiness" });
        // The watchdog deregisters with the permission the node already has for its own target group only.
        Assert.Contains(nlbIp.NodeRoleStatements(), s => StandaloneFixture.Actions(s).Contains("elasticloadbalancing:DeregisterTargets"));
    }

    [Fact]
    [Trait("Rule", "OPS-3")]
    public void Clb_Readiness_Only_Takes_Nodes_Out_Of_Rotation_The_Watchdog_Replaces_OPS_3()
    {
        AssertWatchdogOnly(clb);
        clb.Template.HasResourceProperties("AWS::ElasticLoadBalancing::LoadBalancer", new Props
        {
            ["HealthCheck"] = Match.ObjectLike(new Props { ["Target"] = "HTTPS:443/api/v1/health/readiness" }),
        });
    }
}
