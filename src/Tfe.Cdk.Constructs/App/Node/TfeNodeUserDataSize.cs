using System.Text;
using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The largest the node's user data can be once CloudFormation has filled in its deploy-time values (COMP-4): EC2
/// refuses user data over <see cref="TfeNodeScript.UserDataLimitBytes"/> bytes (before base64 encoding), so every
/// instance launch would fail while synth and cfn-lint stay clean.
/// </summary>
/// <remarks>
/// The user data is rendered once more with each CDK token (<c>${Token[...]}</c>) replaced by the longest value it can
/// resolve to, from the documented limit of what it names (docs/node-lifecycle.md, "User data size"): a stack name is at
/// most 128 characters, a log group name 512, a secret's ARN carries a name of at most 512, a DNS name is at most 253, a
/// bucket name 63; a token whose kind is unknown (in <c>AdditionalSettings</c>) counts as 4,096, the longest value of a
/// CloudFormation parameter. The count is in UTF-8 bytes, what EC2 counts.
/// </remarks>
internal static partial class TfeNodeUserDataSize
{
    /// <summary>A region code: the longest today is 14 characters (<c>ap-southeast-5</c>); counted with room to spare.</summary>
    public const int Region = 25;

    /// <summary>CloudFormation: a stack name is at most 128 characters.</summary>
    public const int StackName = 128;

    /// <summary>CloudFormation: a logical id is at most 255 characters.</summary>
    public const int LogicalId = 255;

    /// <summary>CloudWatch Logs: a log group name is at most 512 characters.</summary>
    public const int LogGroupName = 512;

    /// <summary>
    /// A secret's ARN: <c>arn:</c>, a partition (10), <c>:secretsmanager:</c>, a region (25), an account (12),
    /// <c>:secret:</c>, a name (at most 512) and the 7-character suffix Secrets Manager adds.
    /// </summary>
    public const int SecretArn = 4 + 10 + 16 + Region + 1 + 12 + 8 + 512 + 7;

    /// <summary>A target group's ARN: partition, region, account, a name of at most 32 characters and a 16-digit id.</summary>
    public const int TargetGroupArn = 4 + 10 + 22 + Region + 1 + 12 + 13 + 32 + 1 + 16;

    /// <summary>A DNS name (database, Redis or TFE hostname): at most 253 characters.</summary>
    public const int DnsName = 253;

    /// <summary>An ElastiCache replication group id: at most 40 characters.</summary>
    public const int ReplicationGroupId = 40;

    /// <summary>An S3 bucket name: at most 63 characters.</summary>
    public const int BucketName = 63;

    /// <summary>A KMS key's ARN: partition, region, account and a 36-character key id.</summary>
    public const int KmsKeyArn = 4 + 10 + 5 + Region + 1 + 12 + 5 + 36;

    /// <summary>
    /// The only deploy-time values of the image reference are the parts of an ECR repository's URI (account, region, URL
    /// suffix, repository name; the tag, the digest and another registry's repository are refused as tokens): a repository
    /// name is at most 256 characters, the longest of them.
    /// </summary>
    public const int EcrRepositoryName = 256;

    /// <summary>CloudWatch: an alarm name is at most 255 characters.</summary>
    public const int AlarmName = 255;

    /// <summary>Systems Manager: a parameter's fully qualified name is at most 1,011 characters.</summary>
    public const int ParameterName = 1011;

    /// <summary>Any other token: the longest value of a CloudFormation parameter (4,096 bytes).</summary>
    public const int Unknown = 4096;

    /// <summary>The bound of each token in a setting's value, by the setting's name.</summary>
    private static readonly Dictionary<string, int> SettingBounds = new(StringComparer.Ordinal)
    {
        ["TFE_HOSTNAME"] = DnsName,
        ["TFE_DATABASE_HOST"] = DnsName,
        ["TFE_REDIS_HOST"] = DnsName,
        ["TFE_REDIS_PASSWORDLESS_AWS_REGION"] = Region,
        ["TFE_REDIS_PASSWORDLESS_AWS_HOST_NAME"] = ReplicationGroupId,
        ["TFE_OBJECT_STORAGE_S3_BUCKET"] = BucketName,
        ["TFE_OBJECT_STORAGE_S3_REGION"] = Region,
        ["TFE_OBJECT_STORAGE_S3_SERVER_SIDE_ENCRYPTION_KMS_KEY_ID"] = KmsKeyArn,
    };

    /// <summary>The user data's size in bytes with every token at its longest.</summary>
    public static int WorstCaseBytes(TfeNodeConfiguration c, int bootDeadlineSeconds) =>
        Encoding.UTF8.GetByteCount(TfeNodeScript.Render(Widest(c), bootDeadlineSeconds));

    /// <summary>
    /// The configuration with every token at its longest. Every value that can hold a token is listed here: a value left
    /// out would be counted at the length of its <c>${Token[...]}</c> marker instead (NodeFilesTests proves none is left).
    /// </summary>
    internal static TfeNodeConfiguration Widest(TfeNodeConfiguration c) => c with
    {
        Region = Widen(c.Region, Region),
        StackName = Widen(c.StackName, StackName),
        SignalResource = Widen(c.SignalResource, LogicalId),
        InitResource = Widen(c.InitResource, LogicalId),
        Hostname = Widen(c.Hostname, DnsName),
        Image = Widen(c.Image, EcrRepositoryName),
        RegistryRegion = c.RegistryRegion is null ? null : Widen(c.RegistryRegion, Region),
        RegistrySecretArn = c.RegistrySecretArn is null ? null : Widen(c.RegistrySecretArn, SecretArn),
        HealthPath = Widen(c.HealthPath, Unknown),
        LogGroupName = Widen(c.LogGroupName, LogGroupName),
        LicenseSecretArn = Widen(c.LicenseSecretArn, SecretArn),
        TlsSecretArn = c.TlsSecretArn is null ? null : Widen(c.TlsSecretArn, SecretArn),
        CaBundleSecretArn = c.CaBundleSecretArn is null ? null : Widen(c.CaBundleSecretArn, SecretArn),
        TargetGroupArn = c.TargetGroupArn is null ? null : Widen(c.TargetGroupArn, TargetGroupArn),
        LogForwardingConfig = c.LogForwardingConfig is null ? null : Widen(c.LogForwardingConfig, LogGroupName),
        MetricsLogGroupName = c.MetricsLogGroupName is null ? null : Widen(c.MetricsLogGroupName, LogGroupName),
        InitialAdminSecretArn = c.InitialAdminSecretArn is null ? null : Widen(c.InitialAdminSecretArn, SecretArn),
        Fence = c.Fence is null ? null : c.Fence with
        {
            DrRegion = Widen(c.Fence.DrRegion, Region),
            AlarmName = Widen(c.Fence.AlarmName, AlarmName),
            OverrideParameterName = Widen(c.Fence.OverrideParameterName, ParameterName),
        },
        Settings = c.Settings.Select(s => new KeyValuePair<string, string>(s.Key, Widen(s.Value, SettingBounds.GetValueOrDefault(s.Key, Unknown)))).ToList(),
        Secrets = c.Secrets.Select(s => s with { SecretArn = Widen(s.SecretArn, SecretArn) }).ToList(),
        Drain = c.Drain is null ? null : c.Drain with { HookName = Widen(c.Drain.HookName, LogicalId) },
        Network = c.Network with { BlockedCidrs = c.Network.BlockedCidrs.Select(b => Widen(b, 18)).ToList(), BlockedPorts = c.Network.BlockedPorts.Select(p => Widen(p, 5)).ToList() },
    };

    /// <summary>
    /// The pseudo parameters, by the name the CDK gives their tokens (<c>${Token[AWS.Region.12]}</c>): a partition is at
    /// most 10 characters (<c>aws-us-gov</c>), an account id 12, a URL suffix 20 (<c>amazonaws.com.cn</c> is 16), a stack
    /// id the ARN of a stack (its name of 128 and a 36-character id).
    /// </summary>
    private static readonly Dictionary<string, int> PseudoBounds = new(StringComparer.Ordinal)
    {
        ["AWS.Region"] = Region,
        ["AWS.Partition"] = 10,
        ["AWS.AccountId"] = 12,
        ["AWS.URLSuffix"] = 20,
        ["AWS.StackName"] = StackName,
        ["AWS.StackId"] = 4 + 10 + 16 + Region + 1 + 12 + 7 + StackName + 1 + 36,
    };

    /// <summary>
    /// Replaces each token in <paramref name="value"/> with as many characters as it can resolve to: a pseudo parameter's
    /// own bound, any other token <paramref name="bound"/> (what the value it stands in is at most).
    /// </summary>
    internal static string Widen(string value, int bound) => TokenMarker().Replace(value, m =>
        new string('x', PseudoBounds.GetValueOrDefault(PseudoName().Replace(m.Groups["name"].Value, string.Empty), bound)));

    [GeneratedRegex(@"\$\{Token\[(?<name>[^\]]*)\]\}")]
    private static partial Regex TokenMarker();

    /// <summary>The number the CDK appends to a token's name.</summary>
    [GeneratedRegex(@"\.\d+$")]
    private static partial Regex PseudoName();
}

/// <summary>The synth-time refusal of user data that EC2 would refuse at every launch (COMP-4).</summary>
internal static class TfeNodeUserDataSizeCheck
{
    /// <summary>Throws one <see cref="TfeValidationException"/> when the worst-case user data exceeds EC2's limit.</summary>
    /// <returns>The worst-case size in bytes.</returns>
    public static int ThrowIfTooLarge(global::Constructs.IConstruct scope, TfeNodeConfiguration c, int bootDeadlineSeconds)
    {
        var worst = TfeNodeUserDataSize.WorstCaseBytes(c, bootDeadlineSeconds);
        new RuleCheck().FailIf(worst > TfeNodeScript.UserDataLimitBytes, RuleIds.Comp4, "AdditionalSettings",
                RuleCheck.Describe($"settings that make the node's user data up to {worst:N0} bytes once deployed ({c.Settings.Count} settings)"),
                $"would exceed EC2's user data limit of {TfeNodeScript.UserDataLimitBytes:N0} bytes, so every node launch would fail",
                "Shorten or drop AdditionalSettings values (or use shorter names for the secrets, log group and stack); every deploy-time value is counted at its longest (docs/node-lifecycle.md, \"User data size\").")
            .ThrowIfAny(scope);
        return worst;
    }
}
