using Amazon.CDK.AWS.IAM;

namespace Tfe.Cdk.Constructs;

/// <summary>The compliance packs' findings on the database-user function that are kept on purpose, each with its reason.</summary>
internal static class TfeDatabaseUserNag
{
    public static void Suppress(TfeDatabaseUser user, Role role)
    {
        var policy = role.Node.FindChild("DefaultPolicy");
        NagSuppressions.Add(policy, false, new NagSuppressions.Suppression(
            "AwsSolutions-IAM5",
            "Lambda manages a VPC function's network interfaces with its execution role: ec2:CreateNetworkInterface and ec2:Describe* cannot name interfaces that do not exist yet. Every other action names one resource (the master secret, its key through Secrets Manager, the function's log group).",
            ["Resource::*"]));
        NagSuppressions.Add(policy, false, NagControls.InlinePolicy, TfeNetworkNag.InlinePolicyReason);
        NagSuppressions.Add(user.Function, false, new NagControl("LambdaConcurrency", null, NagControls.Nist, NagControls.Hipaa),
            "The function runs only when CloudFormation creates or updates the custom resource (once per deployment change); reserving concurrency would take from the account's pool, which in a new account may be too small to reserve from.");
        NagSuppressions.Add(user.Function, false, new NagControl("LambdaDLQ", null, NagControls.Nist, NagControls.Hipaa),
            "CloudFormation invokes the function synchronously through the custom resource and records a failure as the stack event; there is no asynchronous event to keep.");
    }
}
