using Amazon.CDK;
using Amazon.CDK.AWS.S3;

namespace Tfe.Cdk.Constructs;

/// <summary>The cdk-nag AwsSolutions findings the app tier keeps on purpose, each with the reason.</summary>
internal static class TfeAppTierNag
{
    public static void Suppress(TfeAppTier tier, bool hasTopic, IBucket bucket, bool drains)
    {
        NagSuppressions.Add(tier.Role, false, new NagSuppressions.Suppression(
            "AwsSolutions-IAM4",
            "AmazonSSMManagedInstanceCore gives Session Manager access to the nodes instead of SSH (OPS-5); it is AWS's maintained least-privilege policy for the SSM agent.",
            ["Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore"]));

        var wildcards = new List<string> { NagSuppressions.ObjectWildcard(bucket), "Resource::*" };
        var stack = Stack.Of(tier);
        if (drains)
        {
            wildcards.Add($"Resource::arn:<AWS::Partition>:autoscaling:{stack.Region}:{stack.Account}:autoScalingGroup:*:autoScalingGroupName/*");
        }

        NagSuppressions.Add(tier.Role.Node.FindChild("DefaultPolicy"), false, new NagSuppressions.Suppression(
            "AwsSolutions-IAM5",
            "TFE stores objects under keys it generates, so object access is granted on the application bucket's objects (bucket/*) and nothing wider."
            + " The boot gate (OPS-4) reads its own Auto Scaling group and its peers' private IPs with autoscaling:DescribeAutoScalingGroups and "
            + "ec2:DescribeInstances: read-only actions that support no resource-level permissions, so they are granted on Resource \"*\" and nothing else is."
            + (drains
                ? " Active/active draining (OPS-3) completes the lifecycle action of its own group, whose ARN contains an ID AWS generates: the group is "
                  + "matched by name wildcard and limited by the autoscaling:ResourceTag condition to this tier's group."
                : string.Empty),
            wildcards));
        NagSuppressions.Add(tier.EncryptionPassword, false, new NagSuppressions.Suppression(
            "AwsSolutions-SMG4",
            "TFE_ENCRYPTION_PASSWORD seals TFE's internal Vault: it must never change for the life of the deployment, or TFE cannot read its own data. It is never rotated."));
        if (!hasTopic)
        {
            NagSuppressions.Add(tier.AutoScalingGroup, false, new NagSuppressions.Suppression(
                "AwsSolutions-AS3",
                "Scaling-event notifications go to AlarmTopic when one is given; without it the group's activity history and the OPS-2 alarms record every event."));
        }
    }
}
