namespace Tfe.Cdk.Constructs;

/// <summary>
/// The settings a primary deployment, its <see cref="TfeDrStorage"/> and its <see cref="TfeDrRegion"/> share: the two
/// regions, the standby mode and the prefix of every name the three stacks must agree on. Pass the same value to all three.
/// </summary>
/// <remarks>
/// <para>The stacks never reference each other across regions (no <c>CrossRegionReferences</c>, no custom resource): what
/// one region needs of the other is a name computed from these settings and the account, such as the database identifier
/// <c>&lt;prefix&gt;-db</c>, the secrets <c>&lt;prefix&gt;/encryption-password</c> and <c>&lt;prefix&gt;/database</c>,
/// the secondary bucket <c>&lt;prefix&gt;-app-&lt;dr-region&gt;-&lt;account&gt;</c> and the key alias
/// <c>alias/&lt;prefix&gt;-dr-data</c>.</para>
/// <para><see cref="NamePrefix"/> must be the primary deployment's own name prefix
/// (<see cref="TfeDeploymentPropsBase.NamePrefix"/>, which every deployment has from creation), so turning disaster recovery
/// on for a running deployment renames nothing; a different value is refused (DR-2).</para>
/// </remarks>
public sealed record TfeDisasterRecovery
{
    /// <summary>
    /// The prefix of the names the stacks share, equal to the primary deployment's name prefix: lower-case letters, digits and single hyphens, starting with a letter, at
    /// most 24 characters (it goes into S3 bucket names with the region and account).
    /// </summary>
    /// <remarks>Create-only by nature: it names the database, the secrets, the DR bucket and key alias.</remarks>
    public required string NamePrefix { get; init; }

    /// <summary>The primary region, where TFE normally runs (the primary stack's region).</summary>
    public required string PrimaryRegion { get; init; }

    /// <summary>The secondary (disaster recovery) region; never the primary region.</summary>
    public required string DrRegion { get; init; }

    /// <summary>How the secondary region waits: a cross-region read replica (warm) or replicated backups (cold).</summary>
    /// <remarks>Default: <see cref="TfeStandbyMode.Warm"/>.</remarks>
    public TfeStandbyMode? StandbyMode { get; init; }

    /// <summary>
    /// Whether the cross-region replication of the application bucket uses S3 Replication Time Control (99.99% of objects
    /// within 15 minutes, at extra cost per GB).
    /// </summary>
    /// <remarks>Default: false (replication without a time guarantee; usually seconds to minutes). Replication metrics and the failure alarm are on either way.</remarks>
    public bool? S3ReplicationTimeControl { get; init; }

    /// <summary>
    /// Cold standby: the ARN of the KMS key in the DR region that encrypts the replicated automated backups, the
    /// <see cref="TfeDrStorage"/> key (output <c>KeyArn</c> of the DR storage stack). RDS documents this key as a key ARN
    /// of the destination region (StartDBInstanceAutomatedBackupsReplication, KmsKeyId), and key ids are random, so no
    /// stack can compute it: deploy the storage stack, then set this and deploy the primary.
    /// </summary>
    /// <remarks>
    /// Default: - none: a cold standby's backups are not replicated yet (a warning says so). Adding it later is an
    /// in-place update of the primary database (backup replication starts). Refused for a warm standby and for anything
    /// but <c>arn:&lt;partition&gt;:kms:&lt;DrRegion&gt;:&lt;account&gt;:key/&lt;id&gt;</c> (DR-3).
    /// </remarks>
    public string? BackupReplicationKeyArn { get; init; }
}
