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
/// buckets must be versioned. Used for the backup bucket (S3-5) and, with <see cref="AddCrossRegion"/>, for the
/// cross-region replication into the secondary region (DR-4). A bucket has one replication configuration and one role:
/// a second destination adds a rule to it and statements to that role.
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
            Conditions = ViaS3(source.Env.Region, Stack.Of(source)),
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:Encrypt"],
            Resources = [destinationKey.KeyArn],
            Conditions = ViaS3(destination.Env.Region, Stack.Of(source)),
        }));

        var state = States.GetOrCreateValue((CfnBucket)source.Node.DefaultChild!);
        state.Role = role;
        state.Rules.Add(new CfnBucket.ReplicationRuleProperty
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
        });
        Write(source, state);

        return new Result(role, [NagSuppressions.ObjectWildcard(source), NagSuppressions.ObjectWildcard(destination)]);
    }

    /// <summary>A bucket in another region, known to this stack only by name and its key only by alias (DR-4).</summary>
    /// <param name="BucketName">The destination bucket's name (deterministic, so no cross-region reference).</param>
    /// <param name="Region">The destination's region.</param>
    /// <param name="KeyAliasName">The alias (<c>alias/…</c>) of the destination key.</param>
    /// <param name="KeyAliasArn">The alias ARN S3 encrypts the replicas with.</param>
    /// <param name="ReplicationTimeControl">Whether to use S3 Replication Time Control (15 minutes).</param>
    internal sealed record CrossRegionDestination(string BucketName, string Region, string KeyAliasName, string KeyAliasArn, bool ReplicationTimeControl);

    /// <summary>The rule id of the cross-region rule, which is also the <c>RuleId</c> dimension of its replication metrics.</summary>
    public const string CrossRegionRuleId = "DisasterRecovery";

    /// <summary>
    /// Adds a rule that replicates every new object version of <paramref name="source"/>, and its delete markers, into a
    /// bucket of another region, with replication metrics on; reuses the bucket's replication role when it has one.
    /// </summary>
    /// <param name="scope">Where a new role is defined, when the bucket has none yet.</param>
    /// <param name="id">The new role's construct id.</param>
    /// <param name="source">The versioned source bucket, defined in this app.</param>
    /// <param name="sourceKey">The KMS key objects of the source are encrypted with.</param>
    /// <param name="destination">The destination bucket in the other region.</param>
    /// <returns>The role, and the IAM5 findings its wildcard statements raise.</returns>
    public static Result AddCrossRegion(Construct scope, string id, Bucket source, IKey sourceKey, CrossRegionDestination destination)
    {
        var state = States.GetOrCreateValue((CfnBucket)source.Node.DefaultChild!);
        var findings = new List<string>();
        if (state.Role is null)
        {
            state.Role = new Role(scope, id, new RoleProps
            {
                AssumedBy = new ServicePrincipal("s3.amazonaws.com"),
                Description = "S3 cross-region replication of the TFE application bucket into the secondary region",
            });
            state.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                Resources = [source.BucketArn],
            }));
            state.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                Resources = [source.ArnForObjects("*")],
            }));
            state.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["kms:Decrypt"],
                Resources = [sourceKey.KeyArn],
                Conditions = ViaS3(source.Env.Region, Stack.Of(source)),
            }));
            findings.Add(NagSuppressions.ObjectWildcard(source));
        }

        var stack = Stack.Of(scope);
        var bucketArn = $"arn:{stack.Partition}:s3:::{destination.BucketName}";
        var keysArn = $"arn:{stack.Partition}:kms:{destination.Region}:{stack.Account}:key/*";
        state.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
            Resources = [bucketArn + "/*"],
        }));
        // The key of the other region is known here only by its alias; a key policy there cannot name this role
        // before it exists. So: any key of that region and account, narrowed to the one carrying the alias.
        state.Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:Encrypt", "kms:GenerateDataKey"],
            Resources = [keysArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{destination.Region}.{stack.UrlSuffix}" },
                ["ForAnyValue:StringEquals"] = new Dictionary<string, object> { ["kms:ResourceAliases"] = destination.KeyAliasName },
            },
        }));
        findings.Add($"Resource::arn:<AWS::Partition>:s3:::{destination.BucketName}/*");
        findings.Add($"Resource::arn:<AWS::Partition>:kms:{destination.Region}:{stack.Account}:key/*");

        state.Rules.Add(new CfnBucket.ReplicationRuleProperty
        {
            Id = CrossRegionRuleId,
            Status = "Enabled",
            Priority = state.Rules.Count + 1,
            Filter = new CfnBucket.ReplicationRuleFilterProperty { Prefix = string.Empty },
            // The secondary copy mirrors the primary: TFE's deletions are replicated as delete markers, and the
            // versioned destination keeps the earlier versions.
            DeleteMarkerReplication = new CfnBucket.DeleteMarkerReplicationProperty { Status = "Enabled" },
            SourceSelectionCriteria = new CfnBucket.SourceSelectionCriteriaProperty
            {
                SseKmsEncryptedObjects = new CfnBucket.SseKmsEncryptedObjectsProperty { Status = "Enabled" },
            },
            Destination = new CfnBucket.ReplicationDestinationProperty
            {
                Bucket = bucketArn,
                // S3 accepts a key ARN or alias ARN here and does not check it: a wrong key only shows as failed
                // replications, hence the metrics and the alarm on OperationsFailedReplication.
                EncryptionConfiguration = new CfnBucket.EncryptionConfigurationProperty { ReplicaKmsKeyId = destination.KeyAliasArn },
                Metrics = destination.ReplicationTimeControl
                    ? new CfnBucket.MetricsProperty
                    {
                        Status = "Enabled",
                        EventThreshold = new CfnBucket.ReplicationTimeValueProperty { Minutes = 15 },
                    }
                    : new CfnBucket.MetricsProperty { Status = "Enabled" },
                ReplicationTime = destination.ReplicationTimeControl
                    ? new CfnBucket.ReplicationTimeProperty
                    {
                        Status = "Enabled",
                        Time = new CfnBucket.ReplicationTimeValueProperty { Minutes = 15 },
                    }
                    : null,
            },
        });
        Write(source, state);
        return new Result(state.Role, findings);
    }

    private static void Write(Bucket source, State state) =>
        ((CfnBucket)source.Node.DefaultChild!).ReplicationConfiguration = new CfnBucket.ReplicationConfigurationProperty
        {
            Role = state.Role!.RoleArn,
            Rules = state.Rules.Cast<object>().ToArray(),
        };

    /// <summary>What this class wrote on a bucket, kept on the C# side (reading L1 properties back through jsii is untyped).</summary>
    private sealed class State
    {
        public Role? Role { get; set; }

        public List<CfnBucket.ReplicationRuleProperty> Rules { get; } = [];
    }

    /// <summary>The replication written on each source bucket so far, keyed by its <see cref="CfnBucket"/>.</summary>
    /// <remarks>
    /// A registry keyed by a CDK object (docs/design-notes.md, "House rules"), on purpose: a bucket's
    /// <c>ReplicationConfiguration</c> is one L1 property with one role and every rule, two features add rules to it
    /// independently (the data tier's backup copy, <see cref="Configure"/>; the DR primary's cross-region copy,
    /// <see cref="AddCrossRegion"/>), and the CDK hands an L1 property back through jsii only untyped. What it holds is
    /// always what the template shows; <c>Write</c> rewrites the whole property from it.
    /// </remarks>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CfnBucket, State> States = new();

    /// <summary>
    /// S3 of <paramref name="region"/> as <c>kms:ViaService</c>, on the partition's URL suffix (<c>amazonaws.com.cn</c> in
    /// China): replication never leaves the partition, so the stack's suffix is the destination's too.
    /// </summary>
    private static Dictionary<string, object> ViaS3(string region, Stack stack) => new()
    {
        ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{region}.{stack.UrlSuffix}" },
    };
}
