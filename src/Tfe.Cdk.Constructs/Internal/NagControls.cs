namespace Tfe.Cdk.Constructs;

/// <summary>
/// One control as the cdk-nag packs name it: the AwsSolutions id (when that pack has an equivalent rule) and the
/// packs among NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 that carry the rule under the same name
/// (<c>&lt;pack&gt;-&lt;Rule&gt;</c>). One suppression reason then covers every pack's id.
/// </summary>
/// <param name="Rule">The rule's name in the compliance packs, for example <c>SecretsManagerRotationEnabled</c>.</param>
/// <param name="AwsSolutions">The AwsSolutions id of the same control, for example <c>AwsSolutions-SMG4</c>, or null.</param>
/// <param name="Packs">The compliance packs that have <paramref name="Rule"/> (from cdk-nag's pack sources).</param>
internal sealed record NagControl(string Rule, string? AwsSolutions, params string[] Packs)
{
    /// <summary>Every rule id of this control, AwsSolutions first.</summary>
    public IEnumerable<string> Ids =>
        (AwsSolutions is null ? Enumerable.Empty<string>() : [AwsSolutions]).Concat(Packs.Select(p => $"{p}-{Rule}"));
}

/// <summary>
/// The controls the library suppresses somewhere, with the packs that check each (cdk-nag 2.38: <c>src/packs/nist-800-53-r5.ts</c>,
/// <c>hipaa-security.ts</c>, <c>pci-dss-321.ts</c>). Listing the packs per control keeps suppressions exact: no id is
/// written for a pack that has no such rule.
/// </summary>
internal static class NagControls
{
    public const string Nist = "NIST.800.53.R5";
    public const string Hipaa = "HIPAA.Security";
    public const string Pci = "PCI.DSS.321";

    /// <summary>The compliance packs (not AwsSolutions) whose ids the library writes.</summary>
    public static readonly IReadOnlyList<string> CompliancePacks = [Nist, Hipaa, Pci];

    public static readonly NagControl SecretsRotation = new("SecretsManagerRotationEnabled", "AwsSolutions-SMG4", Nist, Hipaa);
    public static readonly NagControl InlinePolicy = new("IAMNoInlinePolicy", null, Nist, Hipaa, Pci);
    public static readonly NagControl LoadBalancerDeletionProtection = new("ELBDeletionProtectionEnabled", null, Nist, Hipaa);
    public static readonly NagControl ListenerCertificate = new("ELBv2ACMCertificateRequired", null, Nist, Hipaa, Pci);
    public static readonly NagControl AlbWaf = new("ALBWAFEnabled", null, Nist, Pci);
    public static readonly NagControl RedisBackup = new("ElastiCacheRedisClusterAutomaticBackup", null, Nist, Hipaa);
    public static readonly NagControl RdsMinorVersionUpgrade = new("RDSAutomaticMinorVersionUpgradeEnabled", null, Hipaa, Pci);
    public static readonly NagControl RdsStorageEncrypted = new("RDSStorageEncrypted", "AwsSolutions-RDS2", Nist, Hipaa, Pci);
    public static readonly NagControl RdsBackupPlan = new("RDSInBackupPlan", null, Nist, Hipaa);
    public static readonly NagControl BucketReplication = new("S3BucketReplicationEnabled", null, Nist, Hipaa, Pci);
    public static readonly NagControl BucketKmsEncryption = new("S3DefaultEncryptionKMS", null, Nist, Hipaa, Pci);
    public static readonly NagControl DefaultSecurityGroupClosed = new("VPCDefaultSecurityGroupClosed", null, Nist, Hipaa, Pci);
    public static readonly NagControl RouteToInternetGateway = new("VPCNoUnrestrictedRouteToIGW", null, Nist, Hipaa, Pci);
    public static readonly NagControl RestrictedSsh = new("EC2RestrictedSSH", null, Nist, Hipaa, Pci);
    public static readonly NagControl RestrictedCommonPorts = new("EC2RestrictedCommonPorts", null, Nist, Hipaa, Pci);
    public static readonly NagControl LoadBalancerLogging = new("ELBLoggingEnabled", "AwsSolutions-ELB2", Nist, Hipaa, Pci);
    public static readonly NagControl RdsDeletionProtection = new("RDSInstanceDeletionProtectionEnabled", "AwsSolutions-RDS10", Nist, Hipaa);
    public static readonly NagControl AsgElbHealthCheck = new("AutoScalingGroupELBHealthCheckRequired", null, Nist, Hipaa, Pci);
    public static readonly NagControl TopicKmsEncryption = new("SNSEncryptedKMS", "AwsSolutions-SNS2", Nist, Hipaa, Pci);
}
