using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The two kinds of bucket the library defines, in one place so both regions get the same settings: the access-logs
/// bucket and a data bucket (TFE's objects, its backup copy, or the DR region's replica).
/// </summary>
internal static class TfeBuckets
{
    /// <summary>
    /// The bucket that receives S3 server access logs and load balancer logs: SSE-S3, because neither can write into an
    /// SSE-KMS bucket; versioned, TLS only, no public access, logs expire after a year.
    /// </summary>
    public static Bucket AccessLogs(Construct scope, string id, RemovalPolicy removal) => new(scope, id, new BucketProps
    {
        Encryption = BucketEncryption.S3_MANAGED,
        EnforceSSL = true,
        BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
        ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
        Versioned = true,
        RemovalPolicy = removal,
        LifecycleRules =
        [
            new LifecycleRule
            {
                Id = "ExpireLogs",
                Expiration = Duration.Days(Defaults.AccessLogsExpirationDays),
                NoncurrentVersionExpiration = Duration.Days(1),
                AbortIncompleteMultipartUploadAfter = Duration.Days(Defaults.AbortIncompleteMultipartUploadDays),
            },
        ],
    });

    /// <summary>
    /// A data bucket (S3-1, S3-3, S3-4): versioned (also what S3 requires of a replication source or destination),
    /// SSE-KMS with a bucket key, TLS only, no public access, access logs into <paramref name="logs"/>.
    /// </summary>
    /// <param name="scope">Where the bucket is defined.</param>
    /// <param name="id">The bucket's construct id.</param>
    /// <param name="key">The KMS key of its objects.</param>
    /// <param name="logs">The access-logs bucket.</param>
    /// <param name="logsPrefix">The prefix of its access logs there.</param>
    /// <param name="removal">What happens to it on stack delete or replacement.</param>
    /// <param name="bucketName">A deterministic name (the DR replica, named across regions), or null for a generated one.</param>
    public static Bucket Data(Construct scope, string id, IKey key, IBucket logs, string logsPrefix, RemovalPolicy removal, string? bucketName = null) =>
        DenyUnencryptedUploads(new Bucket(scope, id, new BucketProps
        {
            BucketName = bucketName,
            Versioned = true,
            Encryption = BucketEncryption.KMS,
            EncryptionKey = key,
            BucketKeyEnabled = true,
            EnforceSSL = true,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            RemovalPolicy = removal,
            ServerAccessLogsBucket = logs,
            ServerAccessLogsPrefix = logsPrefix,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    Id = "AbortIncompleteMultipartUploads",
                    AbortIncompleteMultipartUploadAfter = Duration.Days(Defaults.AbortIncompleteMultipartUploadDays),
                },
            ],
        }));

    /// <summary>
    /// Denies an upload that asks for another encryption than SSE-KMS (<c>AES256</c>: SSE-S3). An upload that names none gets
    /// the bucket's default, SSE-KMS with the data key; TFE names <c>aws:kms</c> itself
    /// (<c>TFE_OBJECT_STORAGE_S3_SERVER_SIDE_ENCRYPTION</c>). <c>IfExists</c> keeps multipart uploads working: their parts
    /// (<c>UploadPart</c>, authorized as <c>s3:PutObject</c>) carry no encryption header.
    /// </summary>
    private static Bucket DenyUnencryptedUploads(Bucket bucket)
    {
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DenyUploadsNotSseKms",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["s3:PutObject"],
            Resources = [bucket.ArnForObjects("*")],
            Conditions = new Dictionary<string, object>
            {
                ["StringNotEqualsIfExists"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption"] = "aws:kms" },
            },
        }));
        return bucket;
    }
}
