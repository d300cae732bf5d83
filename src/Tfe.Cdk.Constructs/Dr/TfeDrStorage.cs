using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The secondary region's storage that the primary region writes into (DR-4): a KMS key with a deterministic alias and
/// the versioned, KMS-encrypted bucket the primary's application bucket replicates into. Define it in its own stack in the
/// DR region, deployed first.
/// </summary>
/// <remarks>
/// <para>Why a stack of its own: the primary stack needs it to exist (S3 refuses a replication rule to a missing or
/// unversioned bucket, and the secrets and backups the primary replicates are encrypted with this key), while the DR stack
/// needs the primary (its read replica follows the primary database). Three stacks give the order
/// storage → primary → DR with no cycle and no cross-region reference: the primary names the bucket and the key by the
/// deterministic names of <see cref="TfeDisasterRecovery"/>.</para>
/// <para>It holds no compute and rarely changes, so it also survives a rebuild of the DR stack.</para>
/// </remarks>
public class TfeDrStorage : Construct
{
    /// <summary>Defines the secondary region's key and buckets.</summary>
    /// <exception cref="TfeValidationException">The settings are invalid or the stack is not in the DR region.</exception>
    public TfeDrStorage(Construct scope, string id, TfeDrStorageProps props)
        : base(scope, id)
    {
        Inputs.RefuseNullProps(this, props, RuleIds.Dr4);
        var stack = Stack.Of(this);
        var settings = props.DisasterRecovery;
        var check = new RuleCheck();
        if (!Inputs.RefuseNull(check, RuleIds.Dr2, "DisasterRecovery", settings, "Pass the same TfeDisasterRecovery value as the primary's and the TfeDrRegion's"))
        {
            check.IncludeAll(TfeDisasterRecoveryValidator.Check(settings, Plain(stack.Region), Plain(stack.Account), settings.DrRegion, "DR storage"));
        }

        Inputs.RefuseUndefined(check, RuleIds.Dr4, "RemovalPolicy", props.RemovalPolicy);
        check.FailIf(props.RemovalPolicy is RemovalPolicy.SNAPSHOT or RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, RuleIds.Dr4, "RemovalPolicy", props.RemovalPolicy?.ToString(),
                "is neither RETAIN nor DESTROY: a KMS key and S3 buckets have no snapshot, and the storage is never replaced on update",
                "Use RemovalPolicy.RETAIN (the default) or, for a sandbox, RemovalPolicy.DESTROY")
            .ThrowIfAny(this);
        var removal = props.RemovalPolicy ?? RemovalPolicy.RETAIN;
        if (removal == RemovalPolicy.DESTROY)
        {
            Warnings.Add(this, "destroyState", RuleIds.Dr1,
                "RemovalPolicy is DESTROY: deleting the DR storage stack deletes the secondary copy of TFE's objects and the key that encrypts the secondary region's secrets and database.");
        }

        // S3 delivers access logs through a bucket policy, not the LogDeliveryWrite ACL BucketOwnerEnforced forbids.
        Node.SetContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
        removal = removal == RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
        DisasterRecovery = settings;
        Names = new TfeDrNames(settings, stack.Account, stack.Partition);

        Key = new Key(this, "Key", new KeyProps
        {
            Description = "Terraform Enterprise, secondary region: replicated objects, secrets and database",
            EnableKeyRotation = true,
            RemovalPolicy = removal,
        });
        Key.AddAlias(Names.DrKeyAliasName);

        AccessLogsBucket = TfeBuckets.AccessLogs(this, "AccessLogsBucket", removal);

        // The same settings as TfeDataTier's application bucket (S3-1, S3-3, S3-4), under the deterministic name the
        // primary's replication rule points at. Versioning is what S3 requires of a replication destination.
        Bucket = TfeBuckets.Data(this, "Bucket", Key, AccessLogsBucket, Defaults.ApplicationAccessLogsPrefix, removal, Names.DrBucketName);

        // The same access-logs bucket as the primary region's, for the same reasons.
        TfeDataTierNag.SuppressAccessLogsBucket(AccessLogsBucket);
        NagSuppressions.Add(Bucket, false, NagControls.BucketReplication,
            "This bucket is the destination of the primary application bucket's cross-region replication (DR-4): it is the second copy. Replicating it onward would be fail-back, which the runbook (docs/disaster-recovery.md) does by rebuilding the pair, not by a standing rule.");

        new CfnOutput(this, "BucketName", new CfnOutputProps { Value = Bucket.BucketName, Description = "Secondary copy of TFE's objects (S3 cross-region replication target, DR-4)" });
        new CfnOutput(this, "KeyArn", new CfnOutputProps { Value = Key.KeyArn, Description = "Cold standby: pass as DisasterRecovery.BackupReplicationKeyArn (RDS replicates backups to a key ARN, DR-3)" });
        new CfnOutput(this, "KeyAlias", new CfnOutputProps { Value = Names.DrKeyAliasName, Description = "KMS key of the secondary region's objects, secrets and database" });
    }

    /// <summary>The settings shared with the primary and the DR stack.</summary>
    public TfeDisasterRecovery DisasterRecovery { get; }

    /// <summary>The secondary region's KMS key (alias <c>alias/&lt;prefix&gt;-dr-data</c>).</summary>
    public Key Key { get; }

    /// <summary>The bucket the primary's application bucket replicates into; the DR nodes' object storage after failover.</summary>
    public Bucket Bucket { get; }

    /// <summary>The bucket receiving the DR buckets' access logs and the DR load balancer's logs (SSE-S3).</summary>
    public Bucket AccessLogsBucket { get; }

    /// <summary>The deterministic names.</summary>
    internal TfeDrNames Names { get; }

    private static string? Plain(string value) => RuleCheck.IsToken(value) ? null : value;
}
