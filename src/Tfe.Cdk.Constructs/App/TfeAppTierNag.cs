namespace Tfe.Cdk.Constructs;

/// <summary>The cdk-nag AwsSolutions findings the app tier keeps on purpose, each with the reason.</summary>
internal static class TfeAppTierNag
{
    public static void Suppress(TfeAppTier tier, bool hasTopic, TfeLoadBalancerType lbType, bool internetFacing)
    {
        NagSuppressions.Add(tier.Role, false, new NagSuppressions.Suppression(
            "AwsSolutions-IAM4",
            "AmazonSSMManagedInstanceCore gives Session Manager access to the nodes instead of SSH (OPS-5); it is AWS's maintained least-privilege policy for the SSM agent.",
            ["Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore"]));
        if (!hasTopic)
        {
            NagSuppressions.Add(tier.AutoScalingGroup, false, new NagSuppressions.Suppression(
                "AwsSolutions-AS3",
                "Scaling-event notifications go to AlarmTopic when one is given; without it the group's activity history and the OPS-2 alarms record every event."));
        }
    }
}
