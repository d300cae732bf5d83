using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What a user chooses about the memory cache of an Active/Active deployment: shared by <see cref="TfeRedisProps"/> and
/// <see cref="TfeActiveActiveProps.Redis"/>.
/// </summary>
/// <remarks>
/// Some reference rules have no prop because the wrong choice cannot be written: the cache never runs in cluster mode
/// and has exactly one node group (REDIS-2), has no Append Only File (REDIS-4: AOF is not an alternative to
/// replication), and keeps no snapshots (REDIS-9: a damaged cache is re-paved, not restored).
/// </remarks>
public record TfeRedisOptions
{
    /// <summary>The KMS key that encrypts the cache at rest and the AUTH token secret.</summary>
    /// <remarks>Default: - a new KMS key with yearly rotation, retained when the stack is deleted.</remarks>
    public IKey? EncryptionKey { get; init; }

    /// <summary>The cache node type (REDIS-6: start around cache.m5.large and resize by node type).</summary>
    /// <remarks>
    /// Default: cache.m5.large. Must be of the form <c>cache.&lt;family&gt;.&lt;size&gt;</c>; a burstable
    /// <c>cache.t*</c> type warns (<c>@tfe/cdk:burstableCache</c>).
    /// </remarks>
    public string? NodeType { get; init; }

    /// <summary>The exact Redis engine version (REDIS-8).</summary>
    /// <remarks>
    /// Default: <see cref="TfeRedisVersion.V5_0_6"/>, the reference's recommendation. A version outside 4.0/5.0
    /// (<c>TfeRedisVersion.Of("7.1")</c>) warns (<c>@tfe/cdk:redisVersionOutsideReference</c>); versions before 4.0,
    /// versions that are not exact ("5.0", "7.x") and versions ElastiCache does not offer are errors.
    /// </remarks>
    public TfeRedisVersion? EngineVersion { get; init; }

    /// <summary>Whether this is a sandbox with a single cache node, no replica and no failover.</summary>
    /// <remarks>
    /// Default: false: a Multi-AZ replication group with automatic failover and one node in every AZ of the data
    /// subnets (REDIS-3), which needs data subnets in at least 2 AZs. true warns (<c>@tfe/cdk:singleNodeCache</c>):
    /// the reference allows a single node only for testing or sandbox environments.
    /// </remarks>
    public bool? SingleNodeSandbox { get; init; }

    /// <summary>The port Redis listens on; <c>TFE_REDIS_HOST</c> carries it.</summary>
    /// <remarks>Default: 6379. Must be between 1024 and 65535.</remarks>
    public int? Port { get; init; }

    /// <summary>An SNS topic for the cache's CloudWatch alarms (OPS-2), as alarm and OK action.</summary>
    /// <remarks>Default: - the alarms are defined without actions.</remarks>
    public ITopic? AlarmTopic { get; init; }
}
