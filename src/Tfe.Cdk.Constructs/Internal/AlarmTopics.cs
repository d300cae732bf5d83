using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The SNS topic alarms notify when the user gives none (OPS-2): an alarm nobody hears is no monitoring. The topic is
/// encrypted with its own KMS key whose policy lets CloudWatch alarms and Auto Scaling notifications publish to it
/// (the AWS managed key <c>alias/aws/sns</c> cannot be used by them), and a stack output says how to subscribe.
/// </summary>
internal static class AlarmTopics
{
    /// <summary>The user's topic, or a new encrypted one (construct ids <c>AlarmTopic</c>, <c>AlarmTopicKey</c>) in <paramref name="scope"/>.</summary>
    public static ITopic OrNew(Construct scope, ITopic? topic) => topic ?? Define(scope);

    private static Topic Define(Construct scope)
    {
        var stack = Stack.Of(scope);
        var key = new Key(scope, "AlarmTopicKey", new KeyProps
        {
            Description = "Terraform Enterprise alarm topic: SNS server-side encryption",
            EnableKeyRotation = true,
            // The key protects notifications in flight only (SNS stores nothing once delivered).
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        // CloudWatch alarms publish as the CloudWatch service principal, limited to this account's alarms.
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchAlarmsPublish",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
            },
        }));

        // Auto Scaling notifications are published by the group's service-linked role. It exists only once the account
        // has a group, so it is matched by aws:PrincipalArn (a principal ARN in a key policy must already exist).
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AutoScalingNotificationsPublish",
            Principals = [new AnyPrincipal()],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["kms:CallerAccount"] = stack.Account,
                    ["kms:ViaService"] = $"sns.{stack.Region}.{stack.UrlSuffix}",
                },
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["aws:PrincipalArn"] = $"arn:{stack.Partition}:iam::{stack.Account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling*",
                },
            },
        }));

        var created = new Topic(scope, "AlarmTopic", new TopicProps
        {
            DisplayName = "Terraform Enterprise alarms",
            MasterKey = key,
            EnforceSSL = true,
        });
        new CfnOutput(scope, "AlarmTopicSubscribeCommand", new CfnOutputProps
        {
            Value = $"aws sns subscribe --region {stack.Region} --topic-arn {created.TopicArn} --protocol email --notification-endpoint YOU@EXAMPLE.COM",
            Description = "Subscribe to the TFE alarms and Auto Scaling notifications (confirm the e-mail); or pass AlarmTopic to use your own topic",
        });
        return created;
    }
}
