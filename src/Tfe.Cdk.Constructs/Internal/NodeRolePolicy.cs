using Amazon.CDK;
using Amazon.CDK.AWS.IAM;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What the node role needs for Session Manager (OPS-5) instead of the AWS managed <c>AmazonSSMManagedInstanceCore</c>,
/// which also grants <c>ssm:GetParameter</c>/<c>ssm:GetParameters</c> on every parameter of the account, documents,
/// associations, inventory and patching: one container escape from a Terraform run away from every SecureString.
/// </summary>
/// <remarks>
/// The actions are those of AWS's own Session-Manager-only managed policy <c>AWSCloud9SSMInstanceProfile</c> (agent
/// registration <c>ssm:UpdateInstanceInformation</c> and the four <c>ssmmessages</c> channel actions), plus the agent's
/// <c>ec2messages</c> message channel (Run Command), as listed in "Reference: ec2messages, ssmmessages, and other API
/// operations" (AWS Systems Manager User Guide). None of them reads data: they carry the agent's own messages and
/// sessions. They take no resource-level permission here, so they are granted on <c>"*"</c>.
/// </remarks>
internal static class NodeRolePolicy
{
    /// <summary>The agent's registration and Session Manager's channels.</summary>
    public static readonly IReadOnlyList<string> SessionManagerActions =
    [
        "ssm:UpdateInstanceInformation",
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
    ];

    /// <summary>The agent's message channel (Run Command and the agent's acknowledgements).</summary>
    public static readonly IReadOnlyList<string> AgentMessageActions =
    [
        "ec2messages:AcknowledgeMessage",
        "ec2messages:DeleteMessage",
        "ec2messages:FailMessage",
        "ec2messages:GetEndpoint",
        "ec2messages:GetMessages",
        "ec2messages:SendReply",
    ];

    /// <summary>Adds the Session Manager statement to <paramref name="role"/>'s policy.</summary>
    public static void AllowSessionManager(IRole role) =>
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "SessionManagerAgent",
            Actions = [.. SessionManagerActions, .. AgentMessageActions],
            Resources = ["*"],
        }));

    /// <summary>
    /// A DR pair's primary (DR-5): what the fail-back fence calls, granted at synth so failover changes no IAM policy.
    /// <c>cloudwatch:DescribeAlarms</c> on the one latch alarm's ARN in the DR region (the action takes the alarm as
    /// resource; only composite alarms need <c>"*"</c>: "DescribeAlarms", Amazon CloudWatch API Reference), and
    /// <c>ssm:GetParameter</c>/<c>ssm:DeleteParameter</c> on the one override parameter of this region (read, then
    /// consumed so it opens the fence once).
    /// </summary>
    public static void AllowFailBackFence(IRole role, Stack stack, TfeNodeFence fence)
    {
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "FailBackFenceReadDrLatch",
            Actions = ["cloudwatch:DescribeAlarms"],
            Resources = [$"arn:{stack.Partition}:cloudwatch:{fence.DrRegion}:{stack.Account}:alarm:{fence.AlarmName}"],
        }));
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "FailBackFenceOverride",
            Actions = ["ssm:GetParameter", "ssm:DeleteParameter"],
            Resources = [$"arn:{stack.Partition}:ssm:{stack.Region}:{stack.Account}:parameter{fence.OverrideParameterName}"],
        }));
    }
}
