using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.IAM;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What replaces a node, and what only takes it out of the load balancer (OPS-3, docs/node-lifecycle.md "Health: replace
/// or only take out of rotation"). The group checks EC2 health only, for every load balancer type: the load balancer's
/// readiness probe checks shared dependencies (storage, Redis, the database), so with ELB health a ten-minute outage
/// of one of them would replace every node. The node watchdog (tfe-watchdog.sh) marks its own instance Unhealthy
/// (<c>autoscaling:SetInstanceHealth</c>) only when TFE on that node gives no HTTP answer at all for 20 probes in a row (five minutes if connections are refused, about eight if each probe times out);
/// an internal NLB's IP target is deregistered first.
/// </summary>
internal static class TfeNodeWatchdog
{
    /// <summary>How long TFE may give no HTTP answer before its node is replaced.</summary>
    public const int DeadSeconds = 300;

    /// <summary>The tag that names this tier's group in the watchdog's permission.</summary>
    public const string GroupTag = "tfe:node-group";

    /// <summary>Consecutive unanswered probes, <see cref="Defaults.PollSeconds"/> apart, that make <see cref="DeadSeconds"/>.</summary>
    public static int Failures(int pollSeconds) => pollSeconds <= 0 ? 1 : Math.Max(1, (DeadSeconds + pollSeconds - 1) / pollSeconds);

    /// <summary>The group's health check: EC2, with the grace period of a boot.</summary>
    public static HealthCheck HealthCheck(Duration grace) =>
        Amazon.CDK.AWS.AutoScaling.HealthCheck.Ec2(new Ec2HealthCheckOptions { Grace = grace });

    /// <summary>
    /// Lets the nodes mark only their own group's instances Unhealthy: <c>autoscaling:SetInstanceHealth</c> on the
    /// region's groups, narrowed to this one by its tag (the group's ARN holds an id only known after creation).
    /// </summary>
    /// <param name="group">The nodes' group.</param>
    /// <param name="role">The node role.</param>
    /// <param name="attachedToLoadBalancer">
    /// Whether the group itself is attached to the load balancer (a target group or a Classic Load Balancer), where the
    /// compliance packs ask for ELB health checks; nodes that register themselves (an internal NLB's IP targets) leave the
    /// group unattached, the rule does not apply, and no suppression is written for it.
    /// </param>
    public static void Grant(AutoScalingGroup group, IRole role, bool attachedToLoadBalancer)
    {
        if (attachedToLoadBalancer)
        {
            ExplainEc2HealthCheck(group);
        }

        var stack = Stack.Of(group);
        var groupTag = Names.UniqueId(group);
        Tags.Of(group).Add(GroupTag, groupTag);
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "NodeWatchdogReplacesItsOwnNode",
            Actions = ["autoscaling:SetInstanceHealth"],
            Resources = [$"arn:{stack.Partition}:autoscaling:{stack.Region}:{stack.Account}:autoScalingGroup:*:autoScalingGroupName/*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["autoscaling:ResourceTag/" + GroupTag] = groupTag },
            },
        }));
    }

    /// <summary>Why the group keeps EC2 health checks where the compliance packs ask for ELB ones (OPS-3).</summary>
    private static void ExplainEc2HealthCheck(AutoScalingGroup group) =>
        NagSuppressions.Add(group.Node.DefaultChild!, false, NagControls.AsgElbHealthCheck,
            "The group checks EC2 health on purpose (OPS-3, docs/node-lifecycle.md): the load balancer probes TFE's readiness endpoint, which "
            + "fails on every node at once while a shared dependency (storage, Redis, the database) is down, so ELB health would replace the "
            + "whole fleet for a dependency blip. The load balancer still takes unready nodes out of rotation, and a node watchdog marks its own "
            + "instance Unhealthy (autoscaling:SetInstanceHealth) when its TFE gives no HTTP answer for 20 probes in a row (five to about eight minutes).");
}
