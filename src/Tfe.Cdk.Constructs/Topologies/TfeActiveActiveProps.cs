using Amazon.CDK;

namespace Tfe.Cdk.Constructs;

/// <summary>Properties for <see cref="TfeActiveActive"/>.</summary>
public sealed record TfeActiveActiveProps : TfeDeploymentPropsBase
{
    /// <summary>
    /// How many TFE nodes run. The Auto Scaling group is pinned to min = max = desired = this value and has no scaling
    /// policies (MODE-4): change it to add or remove nodes; a removed node is drained first (OPS-3).
    /// </summary>
    /// <remarks>Default: 2. Between 1 and 5: TFE supports up to 5 active/active nodes; 1 is the scale-down step of a required upgrade (OPS-4).</remarks>
    public int? NodeCount { get; init; }

    /// <summary>Options of the Redis memory cache the nodes share (REDIS-1..9).</summary>
    /// <remarks>Default: - the <see cref="TfeRedisOptions"/> defaults: Redis 7.1 on cache.m5.large, one node per AZ, Multi-AZ with failover.</remarks>
    public TfeRedisOptions? Redis { get; init; }

    /// <summary>The longest a leaving node may take to finish its runs before it is terminated (OPS-3).</summary>
    /// <remarks>Default: 30 minutes (between 5 and 40 minutes, so that a replacement waits out the drain within BootTimeout; see docs/node-lifecycle.md).</remarks>
    public Duration? DrainTimeout { get; init; }
}
