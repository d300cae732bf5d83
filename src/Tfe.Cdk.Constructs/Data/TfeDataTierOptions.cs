using Amazon.CDK;
using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SNS;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What a user chooses about the data tier: shared by <see cref="TfeDataTierProps"/> and the topologies
/// (<see cref="TfeDeploymentPropsBase.Data"/>).
/// </summary>
/// <remarks>
/// There is no Multi-AZ setting: the database is always Multi-AZ (DB-1).
/// </remarks>
public record TfeDataTierOptions
{
    /// <summary>The KMS key for the database storage, its secret, Performance Insights and both data buckets (S3-3).</summary>
    /// <remarks>Default: - a new KMS key with yearly rotation, retained when the stack is deleted. Create-only by nature: it is
    /// the database's <c>KmsKeyId</c>, so changing it replaces the database (docs/day-two.md).</remarks>
    public IKey? EncryptionKey { get; init; }

    /// <summary>The database instance type, as an EC2 type (RDS adds the <c>db.</c> prefix).</summary>
    /// <remarks>
    /// Default: m6i.xlarge (4 vCPU, 16 GiB), the current-generation match of the reference's db.m4.xlarge (DB-2).
    /// Use m6i.2xlarge for the reference's scaled size. Less than 4 vCPU or 16 GiB is an error (DB-2); a burstable
    /// T-family type warns (<c>@tfe/cdk:burstableDatabase</c>).
    /// </remarks>
    public InstanceType? DatabaseInstanceType { get; init; }

    /// <summary>The PostgreSQL engine version, pinned (minor upgrades are not applied automatically).</summary>
    /// <remarks>
    /// Default: PostgreSQL 16.13 (16 is supported by every TFE release line the library knows). The major version must be
    /// one some TFE release supports (13, 14 from 14.4, 15, 16, 17, 18), else an error (DB-1); the topologies also check it
    /// against the chosen <c>TfeVersion</c> (for example 17 needs 1.1.x or later, 18 needs 2.0.x; docs/versions.md).
    /// </remarks>
    public PostgresEngineVersion? DatabaseEngineVersion { get; init; }

    /// <summary>The database storage allocated at creation, in GiB (gp3).</summary>
    /// <remarks>Default: 50. Less than 50 or more than 65,536 (RDS's largest gp3 volume) is an error (DB-2).</remarks>
    public int? DatabaseAllocatedStorageGiB { get; init; }

    /// <summary>The ceiling, in GiB, up to which RDS storage autoscaling may grow the database storage.</summary>
    /// <remarks>Default: 500. At least <see cref="DatabaseAllocatedStorageGiB"/> and at most 65,536 (DB-2).</remarks>
    public int? DatabaseMaxAllocatedStorageGiB { get; init; }

    /// <summary>How long RDS keeps automated backups for point-in-time recovery (DB-3).</summary>
    /// <remarks>Default: 35 days (the RDS maximum). Must be 1 to 35 whole days: 0 turns automated backups off.</remarks>
    public Duration? DatabaseBackupRetention { get; init; }

    /// <summary>The name of the database TFE uses (<c>TFE_DATABASE_NAME</c>).</summary>
    /// <remarks>Default: tfe. Letters, digits and underscores, starting with a letter, at most 63 characters. Create-only by
    /// nature: it is the database's <c>DBName</c>, so changing it replaces the database (docs/day-two.md).</remarks>
    public string? DatabaseName { get; init; }

    /// <summary>The master user name TFE connects as (<c>TFE_DATABASE_USER</c>); its password is generated into Secrets Manager.</summary>
    /// <remarks>
    /// Default: tfe. Letters, digits and underscores, starting with a letter, at most 63 characters; not a name RDS or
    /// PostgreSQL reserves (<c>admin</c>, <c>rdsadmin</c>, <c>public</c>, <c>pg_…</c>, <c>rds_…</c>). Create-only by nature:
    /// it is the database's <c>MasterUsername</c>, so changing it replaces the database (docs/day-two.md).
    /// </remarks>
    public string? DatabaseUsername { get; init; }

    /// <summary>How the TFE nodes sign in to PostgreSQL: the master password, or RDS IAM database authentication.</summary>
    /// <remarks>
    /// Default: <see cref="TfeDatabaseAuthentication.Password"/>. <see cref="TfeDatabaseAuthentication.Iam"/> turns on the
    /// instance's IAM authentication (an in-place change), creates the login role <c>&lt;DatabaseUsername&gt;_iam</c> with a
    /// custom resource, grants the nodes <c>rds-db:connect</c> as that role only, and takes the password and the master
    /// secret away from them. Needs TFE 1.1.0 or later (DB-1 refuses an older release); DatabaseUsername at most 59
    /// characters. docs/passwordless-database.md says why it is not the default yet.
    /// </remarks>
    public TfeDatabaseAuthentication? DatabaseAuthentication { get; init; }

    /// <summary>Whether the database refuses to be deleted until this is turned off.</summary>
    /// <remarks>Default: true, unless <see cref="RemovalPolicy"/> is DESTROY (then false).</remarks>
    public bool? DeletionProtection { get; init; }

    /// <summary>What happens to the database, buckets, key and secret when the stack is deleted or they are replaced.</summary>
    /// <remarks>
    /// Default: - <see cref="Amazon.CDK.RemovalPolicy.SNAPSHOT"/> for the database (a final snapshot, kept until
    /// deleted explicitly: DB-3), RETAIN for the buckets, the key and the secret. RETAIN keeps the database too.
    /// DESTROY deletes all of them and warns (<c>@tfe/cdk:destroyState</c>); the buckets are never emptied
    /// automatically, so deleting a stack whose buckets hold objects fails until they are emptied by hand.
    /// </remarks>
    public RemovalPolicy? RemovalPolicy { get; init; }

    /// <summary>Whether to define the backup bucket, into which the application bucket replicates in Standard-IA (S3-5).</summary>
    /// <remarks>Default: true. false warns (<c>@tfe/cdk:noBackupBucket</c>, S3-5).</remarks>
    public bool? BackupBucket { get; init; }

    /// <summary>The SNS topic the data tier's alarms notify, on alarm and on return to OK (OPS-2).</summary>
    /// <remarks>Default: - a new SNS topic encrypted with its own KMS key (the topology passes the one its other tiers use); output <c>AlarmTopicSubscribeCommand</c>.</remarks>
    public ITopic? AlarmTopic { get; init; }

    /// <summary>
    /// Whether AWS Backup also backs the database up, daily, into a vault encrypted with the data tier's key: a second
    /// recovery path beside RDS automated backups (DB-3, DR-1), kept apart from the instance's own lifecycle.
    /// </summary>
    /// <remarks>
    /// Default: false, unless <see cref="DatabaseBackupCopyVault"/> is set (then true). RDS automated backups with
    /// point-in-time recovery are always on; the plan adds AWS Backup snapshot storage (charged per GB-month, see
    /// docs/compliance.md), so it is a choice. The NIST 800-53 R5 and HIPAA Security <c>RDSInBackupPlan</c> rule asks for it.
    /// </remarks>
    public bool? DatabaseBackupPlan { get; init; }

    /// <summary>
    /// A backup vault in another region (or account) that each AWS Backup recovery point is copied to: the cold-standby
    /// path of DR-3 that survives the loss of this region. Import it with <c>BackupVault.FromBackupVaultArn</c>.
    /// </summary>
    /// <remarks>
    /// Default: - no copy. Setting it turns <see cref="DatabaseBackupPlan"/> on. Copies cost the destination region's
    /// snapshot storage plus cross-region data transfer. The destination vault's key policy and, across accounts, its
    /// access policy must allow AWS Backup from this account.
    /// </remarks>
    public IBackupVault? DatabaseBackupCopyVault { get; init; }
}
