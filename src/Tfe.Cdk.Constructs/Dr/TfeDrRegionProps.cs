using Amazon.CDK;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.Route53;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Properties for <see cref="TfeDrRegion"/>: the node options for the secondary region (as for the primary, with this
/// region's license secret and certificate), the primary it stands in for, and the failover switch.
/// </summary>
/// <remarks>
/// The operational mode is the primary's (identical infrastructure, DR-2): a <see cref="TfeActiveActive"/> primary gets an
/// Active/Active standby with its own memory cache (DR-6). <see cref="TfeAppTierOptions.License"/>,
/// <see cref="TfeAppTierOptions.LoadBalancerCertificate"/> and a node certificate secret must be readable in the secondary
/// region (an ACM certificate is regional; copy the license secret or replicate it); they are checked.
/// </remarks>
public sealed record TfeDrRegionProps : TfeAppTierOptions
{
    /// <summary>The settings shared with the primary and the <see cref="TfeDrStorage"/> (the same value in all three).</summary>
    public required TfeDisasterRecovery DisasterRecovery { get; init; }

    /// <summary>The secondary region's storage, defined in its own stack in this region and deployed first.</summary>
    public required TfeDrStorage Storage { get; init; }

    /// <summary>The primary deployment this region stands in for (a <see cref="TfeStandalone"/> or <see cref="TfeActiveActive"/> in the primary region).</summary>
    /// <remarks>Only plain values are read from it (mode, node count, hostname, database name); it is never referenced across regions.</remarks>
    public required ITfeDeployment Primary { get; init; }

    /// <summary>
    /// The failover switch: true promotes the read replica to a standalone database (warm) or keeps the restored one
    /// (cold), turns its backups on, and scales the nodes to the primary's count. Deploy the DR stack alone with it when a
    /// human has decided to fail over; it changes no create-only property of the database.
    /// </summary>
    /// <remarks>Default: false (at rest: replica or no database, nodes at 0). Cold standby: requires <see cref="RestoreSource"/>.
    /// One way only: true once is true until the pair is rebuilt; setting it back to false would make the promoted database
    /// a replica again, which CloudFormation can only do by replacing it (docs/day-two.md, docs/disaster-recovery.md).</remarks>
    public bool? Promoted { get; init; }

    /// <summary>Cold standby: what the database is restored from at failover. Keep it on every later deployment (create-only).</summary>
    /// <remarks>Default: - no database (cold standby at rest). Not allowed with a warm standby. Create-only by nature: keep the
    /// same value on every deploy after the restore, or the restored database is replaced.</remarks>
    public TfeDrRestoreSource? RestoreSource { get; init; }

    /// <summary>An existing network in this region to deploy into.</summary>
    /// <remarks>Default: - a new <see cref="TfeNetwork"/> built from <see cref="NetworkOptions"/>. Not together with <see cref="NetworkOptions"/>.</remarks>
    public ITfeNetwork? Network { get; init; }

    /// <summary>Options of the network this region defines.</summary>
    /// <remarks>Default: - a new VPC over 3 AZs, as for the primary.</remarks>
    public TfeNetworkProps? NetworkOptions { get; init; }

    /// <summary>
    /// The Route 53 zone of the hostname, imported in this stack (the same zone as the primary's). This stack defines the
    /// hostname's failover pair (DR-5, NET-3); required when the primary has a zone.
    /// </summary>
    /// <remarks>Default: - no DNS: redirecting the hostname at failover is a manual step (warns <c>@tfe/cdk:manualDnsFailover</c>).</remarks>
    public IHostedZone? HostedZone { get; init; }

    /// <summary>Active/Active: how many nodes run once promoted.</summary>
    /// <remarks>Default: - the primary's node count (Standalone: 1).</remarks>
    public int? NodeCount { get; init; }

    /// <summary>Active/Active: options of this region's own memory cache (DR-6).</summary>
    /// <remarks>Default: - the <see cref="TfeRedisOptions"/> defaults. Not together with <see cref="Cache"/>.</remarks>
    public TfeRedisOptions? Redis { get; init; }

    /// <summary>Active/Active: an existing memory cache in this region, instead of a new one. Never the primary's (DR-6).</summary>
    /// <remarks>Default: - a new <see cref="TfeRedis"/> from <see cref="Redis"/>.</remarks>
    public ITfeRedis? Cache { get; init; }

    /// <summary>Active/Active: the longest a leaving node may take to finish its runs (OPS-3).</summary>
    /// <remarks>
    /// Default: 30 minutes, as for <see cref="TfeActiveActiveProps.DrainTimeout"/> (not the primary's value). 5 to 40
    /// minutes, and BootTimeout at least DrainTimeout + 20 minutes (COMP-3).
    /// </remarks>
    public Duration? DrainTimeout { get; init; }

    /// <summary>The replica's or restored database's instance type, as an EC2 type.</summary>
    /// <remarks>Default: m6i.xlarge (DB-2). Use the primary's type, so the promoted database carries the same load.</remarks>
    public InstanceType? DatabaseInstanceType { get; init; }

    /// <summary>The PostgreSQL version of the DR parameter group: the primary's major version.</summary>
    /// <remarks>Default: PostgreSQL 16.13, the library's default for the primary.</remarks>
    public PostgresEngineVersion? DatabaseEngineVersion { get; init; }

    /// <summary>How long automated backups are kept once the database is promoted or restored (DB-3).</summary>
    /// <remarks>Default: 35 days. 1 to 35 whole days.</remarks>
    public Duration? DatabaseBackupRetention { get; init; }
}
