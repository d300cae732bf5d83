namespace Tfe.Cdk.Constructs;

/// <summary>The cache's advice: the third step of its validator (docs/validation.md, "The shape of a validator").</summary>
internal static partial class TfeRedisPropsValidator
{
    /// <summary>The warnings the resolved props deserve: allowed, but discouraged by the reference.</summary>
    public static IReadOnlyList<Advice> Advise(string nodeType, TfeRedisVersion version, bool sandbox)
    {
        var advice = new List<Advice>();
        if (nodeType.StartsWith("cache.t", StringComparison.Ordinal))
        {
            advice.Add(new Advice("burstableCache", RuleIds.Redis6,
                $"NodeType {nodeType} is burstable: it runs on CPU credits and slows down when they run out, which stalls TFE's work queue. Use {Defaults.RedisNodeType} or another fixed-performance type."));
        }

        if (sandbox)
        {
            advice.Add(new Advice("singleNodeCache", RuleIds.Redis3,
                "SingleNodeSandbox is true: one cache node, no replica and no automatic failover. The reference allows this for testing or sandbox environments only; production needs a Multi-AZ replication group with a node in every AZ that has a TFE node."));
        }

        if (version.IsReferenceVersion)
        {
            advice.Add(new Advice("redisExtendedSupport", RuleIds.Redis8,
                $"EngineVersion {version} is the (dated) reference architecture's Redis 4.0/5.0. {RedisSupportNote} "
                + $"Use TfeRedisVersion.V7_1 (the default) unless your TFE release is an old one that still needs Redis {version.Major}."));
        }

        return advice;
    }

    private const string RedisSupportNote =
        "AWS ended ElastiCache standard support for Redis OSS 4 and 5 on 2026-01-31: such caches are enrolled in paid Extended Support "
        + "(charged per node-hour on top of the node price) until 2029-01-31, then upgraded to Valkey automatically. "
        + "Current TFE releases document Redis 6.2 and 7 (7 recommended), and no release line in the library's support table accepts Redis 4 or 5.";
}
