using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Lets CloudWatch Logs use a KMS key for this stack's log groups. CDK 2.160's <c>LogGroup</c> only sets
/// <c>KmsKeyId</c>; without this key policy statement CloudWatch Logs refuses the key and the log group fails to create.
/// </summary>
internal static class LogEncryption
{
    /// <summary>
    /// Adds the statement to <paramref name="key"/>'s policy, limited by the encryption context to log groups of this
    /// account and region. An imported key's policy cannot be changed from here: its owner adds the same statement.
    /// </summary>
    public static void AllowLogsService(IKey key, Stack stack) =>
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchLogsEncryption",
            Principals = [new ServicePrincipal($"logs.{stack.Region}.{stack.UrlSuffix}")],
            Actions = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["kms:EncryptionContext:aws:logs:arn"] = $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:*",
                },
            },
        }), allowNoOp: true);

    /// <summary>
    /// A log group of the library: encrypted with <paramref name="key"/> (whose policy needs <see cref="AllowLogsService"/>
    /// once per stack) and retained when the stack is deleted, as every log the deployment writes is.
    /// </summary>
    /// <param name="scope">The construct the log group belongs to.</param>
    /// <param name="id">The log group's construct id.</param>
    /// <param name="key">The KMS key CloudWatch Logs encrypts with.</param>
    /// <param name="retention">How long the events are kept.</param>
    public static LogGroup RetainedLogGroup(Construct scope, string id, IKey key, RetentionDays retention) => new(scope, id, new LogGroupProps
    {
        Retention = retention,
        RemovalPolicy = RemovalPolicy.RETAIN,
        EncryptionKey = key,
    });
}
