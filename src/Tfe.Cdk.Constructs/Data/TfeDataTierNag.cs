namespace Tfe.Cdk.Constructs;

/// <summary>
/// The NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 findings the data tier keeps on purpose, each with the reason
/// and (in docs/compliance.md) what a user can set instead.
/// </summary>
internal static class TfeDataTierNag
{
    /// <summary>
    /// Why a PostgreSQL instance of the library keeps automatic minor version upgrades off: shared by the primary database
    /// and the DR region's replica or restored database, which are pinned the same way.
    /// </summary>
    internal const string MinorVersionUpgradeReason =
        "The PostgreSQL version is pinned to one Terraform Enterprise supports (DB-1) and upgraded by changing DatabaseEngineVersion in a planned window: an automatic minor upgrade would move the engine under TFE unplanned and leave the template's version behind the running one.";

    public static void Suppress(TfeDataTier tier)
    {
        SuppressAccessLogsBucket(tier.AccessLogsBucket);
        if (tier.BackupBucket is not null)
        {
            NagSuppressions.Add(tier.BackupBucket, false, NagControls.BucketReplication,
                "The backup bucket is itself the replication destination of the application bucket (S3-5); the application bucket carries the replication rule.");
        }
        else
        {
            NagSuppressions.Add(tier.Bucket, false, NagControls.BucketReplication,
                "The user turned the backup bucket off (BackupBucket = false; the construct warns @tfe/cdk:noBackupBucket, S3-5), so there is no destination to replicate to. Versioning still keeps every object version.");
        }

        NagSuppressions.Add(tier.Database, false, NagControls.RdsMinorVersionUpgrade, MinorVersionUpgradeReason);
        if (tier.BackupPlan is null)
        {
            NagSuppressions.Add(tier.Database, false, NagControls.RdsBackupPlan,
                "RDS automated backups with point-in-time recovery are always on (DB-3, 35 days by default) and snapshots are kept on delete. An AWS Backup plan is an opt-in second copy (DatabaseBackupPlan = true, or DatabaseBackupCopyVault for another region) because it adds snapshot storage cost.");
        }
    }

    /// <summary>
    /// The access-logs bucket of a region (the primary data tier's, or <see cref="TfeDrStorage"/>'s): SSE-S3 because the
    /// services that deliver logs into it support nothing else, and not replicated.
    /// </summary>
    internal static void SuppressAccessLogsBucket(Amazon.CDK.AWS.S3.IBucket bucket)
    {
        NagSuppressions.Add(bucket, false, NagControls.BucketKmsEncryption,
            "The access-logs bucket receives load balancer access logs, which Elastic Load Balancing writes only to SSE-S3 buckets; it holds request logs, not TFE data. The data buckets use SSE-KMS.");
        NagSuppressions.Add(bucket, false, NagControls.BucketReplication,
            "Access logs are an audit trail kept 365 days in this region; replicating them would double their cost without protecting TFE data. Forward them with your own log pipeline if policy asks for a second copy.");
    }
}
