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
    /// <remarks>Default: - in a <see cref="TfeActiveActive"/>, the data tier's key (one key for the deployment's data, whose
    /// policy admits ElastiCache; it follows <see cref="TfeDataTierOptions.RemovalPolicy"/>); for a <see cref="TfeRedis"/>
    /// built alone and a <see cref="TfeDrRegion"/>'s cache, a new KMS key with yearly rotation, retained when the stack is
    /// deleted. Create-only by nature: it is the replication group's <c>KmsKeyId</c>; changing it replaces the cache
    /// (re-paved, REDIS-9; queued work is lost).</remarks>
    public IKey? EncryptionKey { get; init; }

    /// <summary>The cache node type (REDIS-6: start around cache.m5.large and resize by node type).</summary>
    /// <remarks>
    /// Default: cache.m5.large. Must be of the form <c>cache.&lt;family&gt;.&lt;size&gt;</c>; a burstable
    /// <c>cache.t*</c> type warns (<c>@tfe/cdk:burstableCache</c>).
    /// </remarks>
    public string? NodeType { get; init; }

    /// <summary>The exact Redis engine version (REDIS-8), pinned: the cache never moves to another minor version by itself.</summary>
    /// <remarks>
    /// Default: <see cref="TfeRedisVersion.V7_1"/> (parameter group family <c>redis7</c>), which every TFE release line in
    /// the library's support table supports (docs/versions.md). In <see cref="TfeActiveActive"/> a version the chosen
    /// <c>TfeVersion</c> does not support is an error (REDIS-8): 6.2, 7.0 and 7.1 for 1.1.x and later, also 6.0 for 1.0.x
    /// and the 2024/2025 calendar releases. Versions before 4.0, versions that are not exact ("5.0", "7.x") and versions
    /// ElastiCache does not offer are errors; 4.0.10 and 5.0.6 (the dated reference's) warn
    /// (<c>@tfe/cdk:redisExtendedSupport</c>) and no release in the table accepts them.
    /// </remarks>
    public TfeRedisVersion? EngineVersion { get; init; }

    /// <summary>Whether this is a sandbox with a single cache node, no replica and no failover.</summary>
    /// <remarks>
    /// Default: false: a Multi-AZ replication group with automatic failover and one node in every AZ of the data
    /// subnets (REDIS-3), which needs data subnets in 2 to 6 AZs. true warns (<c>@tfe/cdk:singleNodeCache</c>):
    /// the reference allows a single node only for testing or sandbox environments.
    /// </remarks>
    public bool? SingleNodeSandbox { get; init; }

    /// <summary>The port Redis listens on; <c>TFE_REDIS_HOST</c> carries it.</summary>
    /// <remarks>Default: 6379. Must be between 1024 and 65535. Create-only by nature: changing it replaces the cache (re-paved, REDIS-9).</remarks>
    public int? Port { get; init; }

    /// <summary>An SNS topic for the cache's CloudWatch alarms (OPS-2), as alarm and OK action.</summary>
    /// <remarks>Default: - a new SNS topic encrypted with its own KMS key (the topology passes the one its other tiers use); output <c>AlarmTopicSubscribeCommand</c>.</remarks>
    public ITopic? AlarmTopic { get; init; }

    /// <summary>How the TFE nodes authenticate to the cache: the AUTH token, or the node role's IAM identity (passwordless).</summary>
    /// <remarks>
    /// <para>Default: <see cref="TfeRedisAuthentication.AuthToken"/>, so that upgrading the library changes no running
    /// cache. <see cref="TfeRedisAuthentication.Iam"/> adds an ElastiCache user with IAM authentication (its user id is
    /// its name), a disabled user named <c>default</c> (every user group needs one) and a user group on the replication
    /// group, gives the node role <c>elasticache:Connect</c> on the replication group and that user only, and sets TFE's
    /// <c>TFE_REDIS_PASSWORDLESS_AWS_*</c> settings; the nodes read no AUTH token and <c>TFE_REDIS_PASSWORD</c> is not set
    /// (docs/security.md, "Passwordless cache"). It needs Redis 7.0 or later (REDIS-8 error otherwise) and a
    /// <c>TfeVersion</c> whose documentation covers it, 1.1.x and later (REDIS-7 error otherwise).</para>
    /// <para>Switching a running cache: the replication group drops its <c>AuthToken</c> and gains <c>UserGroupIds</c>.
    /// CloudFormation's schema marks <c>AuthToken</c> conditionally create-only, so the switch may replace the replication
    /// group: the cache is then re-paved (REDIS-9: TFE's queued background work is lost, the AUTH token secret and the key
    /// are kept). The nodes are replaced in the same deployment. The AUTH token secret is never deleted by a switch: it
    /// stays in the template, retained, unread, so switching back reuses it (docs/day-two.md).</para>
    /// </remarks>
    public TfeRedisAuthentication? Authentication { get; init; }
}
