using Amazon.CDK;
using Amazon.CDK.AWS.EC2;

namespace Tfe.Cdk.Constructs;

/// <summary>The cdk-nag findings (AwsSolutions and the compliance packs) the app tier keeps on purpose, each with the reason.</summary>
internal static class TfeAppTierNag
{
    public static void Suppress(TfeAppTier tier, ITfeDataTier data, bool drains)
    {
        var bucket = data.Bucket;
        var wildcards = new List<string> { NagSuppressions.ObjectWildcard(bucket), "Resource::*" };
        var stack = Stack.Of(tier);
        if (tier.LogForwarding is { Bucket: { } logBucket, Prefix: { } prefix })
        {
            // TFE's log forwarding to S3 (docs/monitoring.md): s3:PutObject under its prefix of that bucket, nothing wider.
            wildcards.Add(logBucket.Node.DefaultChild is CfnElement element
                ? $"Resource::<{stack.GetLogicalId(element)}.Arn>/{prefix}/*"
                : NagSuppressions.RegexPrefix + $@"/^Resource::arn:<AWS::Partition>:s3:::[^\/]+\/{System.Text.RegularExpressions.Regex.Escape(prefix).Replace("/", @"\/", StringComparison.Ordinal)}\/\*$/");
        }

        if (tier.LogForwarding?.LogGroup is { } logGroup && logGroup.Node.DefaultChild is not CfnElement)
        {
            // A log group the user imported: its ARN ends in ":*", the log streams of that one group (CreateLogStream and
            // PutLogEvents act on them); a group the tier defines is referenced by its Arn attribute, which cdk-nag does not flag.
            var name = Token.IsUnresolved(logGroup.LogGroupName) ? "[^:*]+" : System.Text.RegularExpressions.Regex.Escape(logGroup.LogGroupName).Replace("/", @"\/", StringComparison.Ordinal);
            wildcards.Add(NagSuppressions.RegexPrefix + $@"/^Resource::arn:<AWS::Partition>:logs:[^:]+:[^:]+:log-group:{name}:\*$/");
        }

        // The node watchdog (every mode) and active/active draining act on their own group, matched by tag.
        wildcards.Add($"Resource::arn:<AWS::Partition>:autoscaling:{stack.Region}:{stack.Account}:autoScalingGroup:*:autoScalingGroupName/*");

        NagSuppressions.Add(tier.Role.Node.FindChild("DefaultPolicy"), false, new NagSuppressions.Suppression(
            "AwsSolutions-IAM5",
            "TFE stores objects under keys it generates, so object access is granted on the application bucket's objects (bucket/*) and nothing wider."
            + (tier.LogForwarding?.Bucket is null ? string.Empty : " TFE's log forwarding to S3 writes objects whose keys carry the node, the time and a random part, so s3:PutObject is granted under its key prefix of the log bucket (bucket/prefix/*) only.")
            + (tier.LogForwarding?.LogGroup is null ? string.Empty : " TFE's log forwarding to CloudWatch Logs creates its streams and puts events in one log group: the group's ARN ends in :*, its log streams, and nothing wider is granted.")
            + " The boot gate (OPS-4) reads its own Auto Scaling group, its instance refreshes and its peers' private IPs with "
            + "autoscaling:DescribeAutoScalingGroups, autoscaling:DescribeInstanceRefreshes and ec2:DescribeInstances: read-only actions that support no resource-level permissions, so they are granted on Resource \"*\"; so are the Session Manager agent's registration and message-channel actions (ssm:UpdateInstanceInformation, ssmmessages:*Channel, ec2messages:*), which read no data and take no resource. Nothing else is."
            + " The node watchdog (OPS-3) marks an instance of its own group Unhealthy"
            + (drains ? ", and active/active draining completes the lifecycle action of its own group" : string.Empty)
            + ": the group's ARN contains an ID AWS generates, so the group is matched by name wildcard and limited by the autoscaling:ResourceTag condition to this tier's group.",
            wildcards));
        NagSuppressions.Add(tier.Role.Node.FindChild("DefaultPolicy"), false, NagControls.InlinePolicy, TfeNetworkNag.InlinePolicyReason);
        NagSuppressions.Add(tier.EncryptionPassword, false, NagControls.SecretsRotation,
            "TFE_ENCRYPTION_PASSWORD seals TFE's internal Vault: it must never change for the life of the deployment, or TFE cannot read its own data. It is never rotated.");
        SuppressDatabaseIngressPort(data);
    }

    /// <summary>
    /// The nodes' rule into the database security group uses the instance's port attribute (a deploy-time value), which
    /// the EC2RestrictedSSH and EC2RestrictedCommonPorts rules cannot read: they fail to evaluate rather than find anything.
    /// </summary>
    private static void SuppressDatabaseIngressPort(ITfeDataTier data)
    {
        foreach (var group in data.Connections.SecurityGroups)
        {
            foreach (var ingress in group.Node.FindAll().OfType<CfnSecurityGroupIngress>().Where(i => i.FromPort is { } port && Token.IsUnresolved(port)))
            {
                foreach (var control in new[] { NagControls.RestrictedSsh, NagControls.RestrictedCommonPorts })
                {
                    NagSuppressions.Add(ingress, false, control,
                        "The rule admits only the TFE nodes' security group, on the database endpoint's port (PostgreSQL, 5432 by default): the port is a deploy-time attribute the rule cannot resolve, and neither SSH nor another common port is opened.");
                }
            }
        }
    }
}
