using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>The rules a <see cref="TfeRedisProps"/> must follow, checked over plain values (no jsii).</summary>
internal static partial class TfeRedisPropsValidator
{
    /// <summary>Checks the resolved props (defaults applied) and the AZs of the data subnets.</summary>
    /// <param name="nodeType">The cache node type, for example cache.m5.large.</param>
    /// <param name="engineVersion">The engine version text, for example 5.0.6.</param>
    /// <param name="port">The Redis port.</param>
    /// <param name="sandbox">Whether a single-node sandbox was asked for.</param>
    /// <param name="availabilityZones">The distinct AZs of the data subnets (tokens are skipped).</param>
    /// <param name="dataSubnetsArePublic">Whether the data subnet selection holds a public subnet.</param>
    /// <param name="iam">Whether IAM authentication was asked for (<see cref="TfeRedisAuthentication.Iam"/>).</param>
    public static RuleCheck Check(
        string nodeType,
        string engineVersion,
        int port,
        bool sandbox,
        IReadOnlyList<string> availabilityZones,
        bool dataSubnetsArePublic,
        bool iam = false)
    {
        var check = new RuleCheck();

        check.FailIf(!RuleCheck.IsToken(nodeType) && !CacheNodeType().IsMatch(nodeType.Trim()), RuleIds.Redis6, "NodeType", nodeType,
            "is not a cache node type of the form cache.<family>.<size>",
            $"Use {Defaults.RedisNodeType} (the reference's starting size) or another cache.* type");

        if (!RuleCheck.IsToken(engineVersion) && TfeRedisVersion.Problem(engineVersion) is { } version)
        {
            check.FailIf(true, RuleIds.Redis8, "EngineVersion", engineVersion, version.Problem, version.Fix);
        }

        // ElastiCache authenticates with IAM only from Redis OSS 7.0 (docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html).
        check.FailIf(iam && !RuleCheck.IsToken(engineVersion) && TfeRedisVersion.Of(engineVersion).Major is < 7, RuleIds.Redis8, "EngineVersion", engineVersion,
            "is older than Redis 7.0, which ElastiCache IAM authentication (Authentication = Iam) needs",
            "Use TfeRedisVersion.V7_1 (the default) or Of(\"7.0\"), or Authentication = AuthToken for this version");

        check.FailIf(port is < 1024 or > 65535, RuleIds.Redis7, "Port", port,
            "must be between 1024 and 65535", $"Use {Defaults.RedisPort} (the Redis default) or another unprivileged port");

        foreach (var az in availabilityZones.Where(az => !RuleCheck.IsToken(az) && IsLocalOrWavelengthZone(az)))
        {
            check.FailIf(true, RuleIds.Redis5, "Network.DataSubnets", az,
                "selects a subnet in a Local Zone (or Wavelength Zone); the cache must not use Local Zones, which lack Multi-AZ",
                "Select data subnets in the region's regular Availability Zones, next to the TFE nodes");
        }

        check.FailIf(!sandbox && availabilityZones.Count < 2, RuleIds.Redis3, "Network.DataSubnets",
            RuleCheck.Describe($"{availabilityZones.Count} Availability Zone{(availabilityZones.Count == 1 ? string.Empty : "s")}"),
            "must span at least 2 Availability Zones for a Multi-AZ replication group with automatic failover",
            "Select data subnets in 2 or more AZs (one cache node goes in each), or set SingleNodeSandbox = true for a sandbox");
        check.FailIf(!sandbox && availabilityZones.Count > Defaults.RedisMaxNodes, RuleIds.Redis3, "Network.DataSubnets",
            RuleCheck.Describe($"{availabilityZones.Count} Availability Zones"),
            $"spans more AZs than a replication group has nodes ({Defaults.RedisMaxNodes}: a primary and 5 replicas)",
            $"Select data subnets in at most {Defaults.RedisMaxNodes} AZs: those that host TFE nodes");
        check.FailIf(dataSubnetsArePublic, RuleIds.Redis7, "Network.DataSubnets", RuleCheck.Describe("(public subnets)"),
            "selects public subnets; the cache must have private IPs only",
            "Select private or isolated subnets for the data tier");
        return check;
    }

    /// <summary>
    /// True for a Local Zone (<c>us-west-2-lax-1a</c>) or Wavelength Zone (<c>us-east-1-wl1-bos-wlz-1</c>) name: a
    /// region name followed by more than an AZ letter.
    /// </summary>
    public static bool IsLocalOrWavelengthZone(string availabilityZone) => LocalZone().IsMatch(availabilityZone);

    [GeneratedRegex(@"^cache\.[a-z]+\d+[a-z]*(?:-flex)?\.[a-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CacheNodeType();

    [GeneratedRegex(@"^[a-z]{2}(?:-[a-z]+)+-\d+-[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalZone();
}
