using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Continuous S3 replication of every object of one bucket into another (same or another region), for SSE-KMS
/// encrypted objects, through a least-privilege role. Deletions are not replicated: the destination is a backup.
/// </summary>
/// <remarks>
/// The S3 L2 of CDK 2.160 has no replication prop, so this writes the L1 <c>ReplicationConfiguration</c>. Both
/// buckets must be versioned. Used for the backup bucket (S3-5) and, later, cross-region replication (DR-4).
/// </remarks>
internal static class BucketReplication
{
    /// <summary>The result: the role S3 assumes, and the IAM5 findings (<c>Resource::…/*</c>) its object-level statements raise.</summary>
    internal sealed record Result(Role Role, IReadOnlyList<string> ObjectWildcardFindings);

    /// <summary>Replicates every new object version of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="scope">Where the role is defined.</param>
    /// <param name="id">The role's construct id.</param>
    /// <param name="source">The versioned source bucket, defined in this app (its L1 is edited).</param>
    /// <param name="destination">The versioned destination bucket.</param>
    /// <param name="sourceKey">The KMS key objects of the source are encrypted with.</param>
    /// <param name="destinationKey">The KMS key replicas are encrypted with.</param>
    /// <param name="storageClass">The storage class of the replicas, for example Standard-IA for a backup.</param>
    public static Result Configure(
        Construct scope,
        string id,
        Bucket source,
        IBucket destination,
        IKey sourceKey,
        IKey destinationKey,
        StorageClass storageClass)
    {
        var role = new Role(scope, id, new RoleProps
        {
            AssumedBy = new ServicePrincipal("s3.amazonaws.com"),
            Description = "S3 replication of the TFE application bucket (objects and tags; no delete markers)",
        });

        var sourceObjects = source.ArnForObjects("*");
        var destinationObjects = destination.ArnForObjects("*");
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetReplicationConfiguration", "s3:ListBucket"],
            Resources = [source.BucketArn],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
            Resources = [sourceObjects],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
            Resources = [destinationObjects],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:Decrypt"],
            Resources = [sourceKey.KeyArn],
            Conditions = ViaS3(source.Env.Region),
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:Encrypt"],
            Resources = [destinationKey.KeyArn],
            Conditions = ViaS3(destination.Env.Region),
        }));

        var cfn = (CfnBucket)source.Node.DefaultChild!;
        cfn.ReplicationConfiguration = new CfnBucket.ReplicationConfigurationProperty
        {
            Role = role.RoleArn,
            Rules = new object[]
            {
                new CfnBucket.ReplicationRuleProperty
                {
                    Id = "ReplicateAll",
                    Status = "Enabled",
                    Priority = 1,
                    Filter = new CfnBucket.ReplicationRuleFilterProperty { Prefix = string.Empty },
                    // TFE deletes expired objects routinely: a replicated delete marker would hide the backup copy.
                    DeleteMarkerReplication = new CfnBucket.DeleteMarkerReplicationProperty { Status = "Disabled" },
                    SourceSelectionCriteria = new CfnBucket.SourceSelectionCriteriaProperty
                    {
                        SseKmsEncryptedObjects = new CfnBucket.SseKmsEncryptedObjectsProperty { Status = "Enabled" },
                    },
                    Destination = new CfnBucket.ReplicationDestinationProperty
                    {
                        Bucket = destination.BucketArn,
                        StorageClass = storageClass.Value,
                        EncryptionConfiguration = new CfnBucket.EncryptionConfigurationProperty { ReplicaKmsKeyId = destinationKey.KeyArn },
                    },
                },
            },
        };

        return new Result(role, [NagSuppressions.ObjectWildcard(source), NagSuppressions.ObjectWildcard(destination)]);
    }

    private static Dictionary<string, object> ViaS3(string region) => new()
    {
        ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{region}.amazonaws.com" },
    };
}
