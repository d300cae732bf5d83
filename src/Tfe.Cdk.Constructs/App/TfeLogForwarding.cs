using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;

namespace Tfe.Cdk.Constructs;

/// <summary>Where TFE's native log forwarding sends its logs.</summary>
public enum TfeLogForwardingDestination
{
    /// <summary>A CloudWatch Logs log group (Fluent Bit's <c>cloudwatch_logs</c> output).</summary>
    CloudWatchLogs,

    /// <summary>An S3 bucket, under a key prefix (Fluent Bit's <c>s3</c> output).</summary>
    S3,
}

/// <summary>
/// TFE's native log forwarding (<c>TFE_LOG_FORWARDING_ENABLED</c>): the Fluent Bit inside the TFE container sends TFE's
/// logs (the service logs and the audit log events among them) to a CloudWatch Logs log group or an S3 bucket, in addition
/// to the container's own logs, which the <c>awslogs</c> driver keeps sending to <see cref="TfeAppTier.LogGroup"/>.
/// </summary>
/// <remarks>
/// The library renders the Fluent Bit <c>[OUTPUT]</c> section, writes it on each node and mounts it read-only into the
/// container at the path <c>TFE_LOG_FORWARDING_CONFIG_PATH</c> names; the node role may write to that destination only
/// (docs/monitoring.md, "Log forwarding"). HashiCorp announces that it will deprecate this injected Fluent Bit
/// configuration; the container's log driver is the supported path and stays on.
/// </remarks>
public sealed class TfeLogForwarding
{
    /// <summary>The key prefix <see cref="ToS3"/> uses when none is given.</summary>
    public const string DefaultS3Prefix = "tfe-logs";

    private TfeLogForwarding(TfeLogForwardingDestination destination, ILogGroup? logGroup, IBucket? bucket, string? prefix)
    {
        Destination = destination;
        LogGroup = logGroup;
        Bucket = bucket;
        Prefix = prefix;
    }

    /// <summary>Where the logs go.</summary>
    public TfeLogForwardingDestination Destination { get; }

    /// <summary>The log group given to <see cref="ToCloudWatchLogs"/>; null when the app tier defines one (or for S3).</summary>
    public ILogGroup? LogGroup { get; }

    /// <summary>The bucket given to <see cref="ToS3"/>; null when the app tier defines one (or for CloudWatch Logs).</summary>
    public IBucket? Bucket { get; }

    /// <summary>The S3 key prefix, as given (null: <see cref="DefaultS3Prefix"/>); null for CloudWatch Logs.</summary>
    public string? Prefix { get; }

    /// <summary>
    /// Forwards to CloudWatch Logs: one log stream per node and Fluent Bit tag, named <c>&lt;instance id&gt;/&lt;tag&gt;</c>.
    /// </summary>
    /// <param name="logGroup">
    /// Default: - a log group the app tier defines, with <see cref="TfeAppTierOptions.LogRetention"/> (one year by default),
    /// encrypted with the deployment's KMS key and retained when the stack is deleted. A log group you pass must be in the
    /// stack's region; encrypting it with your own key is your key policy's business (CloudWatch Logs uses the key, not the node).
    /// </param>
    /// <returns>The option.</returns>
    public static TfeLogForwarding ToCloudWatchLogs(ILogGroup? logGroup = null) =>
        new(TfeLogForwardingDestination.CloudWatchLogs, logGroup, null, null);

    /// <summary>
    /// Forwards to S3: gzip-compressed newline-delimited JSON objects under
    /// <c>&lt;prefix&gt;/&lt;instance id&gt;/&lt;year&gt;/&lt;month&gt;/&lt;day&gt;/</c>, one every 5 minutes or 64 MB per node.
    /// </summary>
    /// <param name="bucket">
    /// Default: - a bucket the app tier defines with the library's data bucket settings: SSE-KMS with the deployment's key
    /// and a bucket key, versioned, TLS only, no public access, server access logs into the deployment's access-logs
    /// bucket, retained when the stack is deleted. Not the deployment's object storage bucket. A bucket you pass must be in
    /// the stack's region; when it carries its KMS key (<c>IBucket.EncryptionKey</c>) the node may use that key for S3 only.
    /// </param>
    /// <param name="prefix">
    /// Default: <see cref="DefaultS3Prefix"/>. One or more path segments of letters, digits, <c>.</c>, <c>_</c> and
    /// <c>-</c>, separated by <c>/</c>, at most 200 characters, no <c>.</c> or <c>..</c> segment. The node role may put
    /// objects under <c>&lt;prefix&gt;/</c> only.
    /// </param>
    /// <returns>The option.</returns>
    public static TfeLogForwarding ToS3(IBucket? bucket = null, string? prefix = null) =>
        new(TfeLogForwardingDestination.S3, null, bucket, prefix);
}
