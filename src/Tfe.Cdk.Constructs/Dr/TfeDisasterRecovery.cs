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
/// <para>These names are fixed at creation. Turning disaster recovery on for a running deployment renames its database and
/// its secrets, which CloudFormation does by replacement: it is meant for new deployments (see docs/disaster-recovery.md).</para>
/// </remarks>
public sealed record TfeDisasterRecovery
{
    /// <summary>
    /// The prefix of the names the stacks share: lower-case letters, digits and single hyphens, starting with a letter, at
    /// most 24 characters (it goes into S3 bucket names with the region and account).
    /// </summary>
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
}
