using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// TFE's native log forwarding on the nodes (<see cref="TfeAppTierOptions.LogForwarding"/>): the destination (a log group or
/// a bucket, the user's or one defined here), the node role's write access to it and nothing more, and the Fluent Bit
/// <c>[OUTPUT]</c> section the node mounts into the container. See docs/monitoring.md, "Log forwarding".
/// </summary>
/// <remarks>
/// The section is rendered at synth with the destination's deploy-time names and carries <see cref="InstanceIdMarker"/>,
/// which the node replaces with its instance id at boot (tfe-log-forwarding.sh): TFE's Fluent Bit runs inside the
/// container and adds no host detail to the records, so the stream name or key names the node.
/// </remarks>
internal sealed partial class TfeNodeLogForwarding : Construct
{
    /// <summary>Where the container reads the <c>[OUTPUT]</c> file (<c>TFE_LOG_FORWARDING_CONFIG_PATH</c>), mounted read-only.</summary>
    public const string ContainerConfigPath = "/etc/tfe-log-forwarding/fluent-bit.conf";

    /// <summary>Stands for the node's instance id in the rendered section until the node boots.</summary>
    public const string InstanceIdMarker = "@INSTANCE_ID@";

    /// <summary>The longest S3 key prefix accepted (S3 keys are at most 1,024 bytes; the rest is the node and the time).</summary>
    public const int MaxPrefixLength = 200;

    /// <summary>The first release of Flexible Deployment Options, whose configuration reference has both settings.</summary>
    public const string FirstRelease = "v202309-1";

    /// <summary>The TFE settings this feature manages (refused in <c>AdditionalSettings</c>).</summary>
    internal static readonly IReadOnlyList<string> SettingKeys = ["TFE_LOG_FORWARDING_ENABLED", "TFE_LOG_FORWARDING_CONFIG_PATH"];

    /// <summary>The settings the node's TFE container gets when forwarding is on.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("TFE_LOG_FORWARDING_ENABLED", "true"),
        new("TFE_LOG_FORWARDING_CONFIG_PATH", ContainerConfigPath),
    ];

    internal TfeNodeLogForwarding(Construct scope, string id, TfeLogForwarding forwarding, ITfeDataTier data, RetentionDays retention, IRole nodeRole)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        if (forwarding.Destination == TfeLogForwardingDestination.CloudWatchLogs)
        {
            LogGroup = forwarding.LogGroup ?? LogEncryption.RetainedLogGroup(this, "Logs", data.Key, retention);
            // CreateLogStream and PutLogEvents on this group only: the cloudwatch_logs output calls nothing else with
            // auto_create_group off (no CreateLogGroup, PutRetentionPolicy or DescribeLogStreams). CloudWatch Logs itself
            // encrypts with the group's key: the node needs no kms:* for it.
            LogGroup.GrantWrite(nodeRole);
            Config = CloudWatchConfig(stack.Region, LogGroup.LogGroupName);
        }
        else
        {
            Bucket = forwarding.Bucket ?? NewBucket(data);
            Prefix = forwarding.Prefix ?? TfeLogForwarding.DefaultS3Prefix;
            nodeRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["s3:PutObject"],
                Resources = [Bucket.ArnForObjects(Prefix + "/*")],
            }));
            if (Bucket.EncryptionKey is { } key)
            {
                AllowUploadEncryption(nodeRole, key, stack);
            }

            Config = S3Config(stack.Region, Bucket.BucketName, Prefix);
        }
    }

    /// <summary>The log group the logs go to; null for S3.</summary>
    public ILogGroup? LogGroup { get; }

    /// <summary>The bucket the logs go to; null for CloudWatch Logs.</summary>
    public IBucket? Bucket { get; }

    /// <summary>The key prefix in <see cref="Bucket"/>; null for CloudWatch Logs.</summary>
    public string? Prefix { get; }

    /// <summary>The Fluent Bit <c>[OUTPUT]</c> section (deploy-time names as tokens, the instance id as <see cref="InstanceIdMarker"/>).</summary>
    public string Config { get; }

    /// <summary>
    /// The <c>cloudwatch_logs</c> output: the group exists (the library's or the user's), so <c>auto_create_group</c> stays
    /// off; one stream per node and tag, <c>&lt;instance id&gt;/&lt;tag&gt;</c>.
    /// </summary>
    internal static string CloudWatchConfig(string region, string logGroupName) => Section(
        ("Name", "cloudwatch_logs"),
        ("Match", "*"),
        ("region", region),
        ("log_group_name", logGroupName),
        ("log_stream_prefix", InstanceIdMarker + "/"),
        ("auto_create_group", "Off"));

    /// <summary>
    /// The <c>s3</c> output: single <c>PutObject</c> uploads (no multipart upload left behind, nothing but
    /// <c>s3:PutObject</c> to grant), gzip, an object every 5 minutes or 64 MB, at most 256 MB buffered in the
    /// container's <c>/tmp</c> (a memory-backed tmpfs: the container's root is read-only); keys
    /// <c>&lt;prefix&gt;/&lt;instance id&gt;/YYYY/MM/DD/HHMMSS-&lt;random&gt;.gz</c>. Fluent Bit puts <c>/&lt;bucket&gt;</c> in front
    /// of the format (path-style), so the leading <c>/</c> is not part of the key.
    /// </summary>
    internal static string S3Config(string region, string bucketName, string prefix) => Section(
        ("Name", "s3"),
        ("Match", "*"),
        ("region", region),
        ("bucket", bucketName),
        ("use_put_object", "On"),
        ("compression", "gzip"),
        ("total_file_size", "64M"),
        ("upload_timeout", "5m"),
        ("store_dir_limit_size", "256M"),
        ("s3_key_format", $"/{prefix}/{InstanceIdMarker}/%Y/%m/%d/%H%M%S-$UUID.gz"));

    /// <summary>
    /// The checks (OPS-2, COMP-4): a prefix S3 and IAM read as written, a destination in the stack's region, a release that has
    /// the settings.
    /// </summary>
    internal static void Check(RuleCheck check, TfeLogForwarding? forwarding, string? tfeVersion, string stackRegion)
    {
        if (forwarding is null)
        {
            return;
        }

        var release = RuleCheck.IsToken(tfeVersion) ? null : TfeRelease.Parse(tfeVersion ?? Defaults.TfeVersion);
        check.FailIf(release is { IsCalendar: true } r && r.Major * 100 + r.Minor < 202309, RuleIds.Comp4, "LogForwarding",
            RuleCheck.Describe($"{forwarding.Destination} with TfeVersion {tfeVersion}"),
            $"needs TFE_LOG_FORWARDING_ENABLED and TFE_LOG_FORWARDING_CONFIG_PATH, which TFE has since {FirstRelease} (the first Flexible Deployment Options release)",
            $"Use TfeVersion {FirstRelease} or later, or leave LogForwarding unset");

        if (forwarding.Destination == TfeLogForwardingDestination.S3)
        {
            CheckPrefix(check, forwarding.Prefix);
        }

        var (property, region) = forwarding.Destination == TfeLogForwardingDestination.CloudWatchLogs
            ? ("LogForwarding.LogGroup", forwarding.LogGroup?.Env.Region)
            : ("LogForwarding.Bucket", forwarding.Bucket?.Env.Region);
        check.FailIf(region is not null && !RuleCheck.IsToken(region) && !RuleCheck.IsToken(stackRegion) && region != stackRegion,
            RuleIds.Ops2, property, region,
            $"is in another region than the nodes ({stackRegion}): the node's Fluent Bit writes to its own region's endpoints "
            + "(a VPC endpoint of the stack's region cannot reach another region's log group or bucket)",
            $"Pass a destination in {stackRegion}, or leave it out for one the app tier defines");
    }

    private static void CheckPrefix(RuleCheck check, string? prefix)
    {
        if (prefix is null)
        {
            return;
        }

        if (RuleCheck.IsToken(prefix))
        {
            Inputs.RefuseToken(check, RuleIds.Ops2, "LogForwarding.Prefix", prefix,
                "it is written into the node's Fluent Bit configuration and the node role's policy, and checked for '..'");
            return;
        }

        var segments = prefix.Split('/');
        check.FailIf(prefix.Length is 0 or > MaxPrefixLength || !PrefixPattern().IsMatch(prefix) || segments.Any(s => s is "." or ".."),
            RuleIds.Ops2, "LogForwarding.Prefix", prefix,
            $"must be 1 to {MaxPrefixLength} characters of path segments made of letters, digits, '.', '_' and '-', separated by single '/', "
            + "with no leading or trailing '/' and no '.' or '..' segment (the node role may put objects under <prefix>/ only, and Fluent Bit reads '$' and '%' as its own)",
            $"Use a prefix such as {TfeLogForwarding.DefaultS3Prefix} (the default) or tfe/production");
    }

    /// <summary>
    /// SSE-KMS: an upload into a bucket whose default encryption is a customer-managed key needs <c>kms:GenerateDataKey</c>
    /// on that key, and AWS's SSE-KMS pages add <c>kms:Decrypt</c> for multipart uploads; both are granted, through S3 only
    /// (<c>kms:ViaService</c>), because we could not verify from here that a single <c>PutObject</c> into a bucket with an S3
    /// Bucket Key never needs the second.
    /// </summary>
    private static void AllowUploadEncryption(IRole role, IKey key, Stack stack) =>
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:GenerateDataKey", "kms:Decrypt"],
            Resources = [key.KeyArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{stack.Region}.{stack.UrlSuffix}" },
            },
        }));

    /// <summary>A data bucket (TfeBuckets.Data) of its own: the deployment's key, versioned, TLS only, access logs, retained.</summary>
    private Bucket NewBucket(ITfeDataTier data)
    {
        var bucket = TfeBuckets.Data(this, "Bucket", data.Key, data.AccessLogsBucket, "tfe-log-forwarding/", RemovalPolicy.RETAIN);
        NagSuppressions.Add(bucket, false, NagControls.BucketReplication,
            "A copy of TFE's logs in this region, kept versioned and retained; the container's logs also reach CloudWatch Logs. "
            + "Replicating it would double its cost without protecting TFE's data: add a replication rule or your own log pipeline if policy asks for a second region.");
        return bucket;
    }

    private static string Section(params (string Key, string Value)[] entries)
    {
        var text = new StringBuilder("[OUTPUT]\n");
        foreach (var (key, value) in entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {key,-20} {value}\n");
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
