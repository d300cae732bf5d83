using Amazon.CDK.AWS.RDS;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The releases a deployment runs, as resolved from its props: the TFE tag, the PostgreSQL major version and the Redis
/// engine version (Active/Active). A <see cref="TfeDrRegion"/> must run the same ones as its primary (DR-2).
/// </summary>
/// <param name="TfeVersion">The TFE release tag (null when a token).</param>
/// <param name="PostgresMajor">The PostgreSQL major version (null when a token).</param>
/// <param name="RedisVersion">The Redis engine version, or null without a cache of the library's.</param>
internal sealed record TfeDeploymentReleases(string? TfeVersion, string? PostgresMajor, string? RedisVersion)
{
    public static TfeDeploymentReleases Of(TfeAppTierOptions options, PostgresEngineVersion? engine, TfeRedisVersion? redis) => new(
        Plain(options.TfeVersion ?? Defaults.TfeVersion),
        engine is null ? Defaults.PostgresMajorVersion : Plain(engine.PostgresMajorVersion),
        redis?.Version);

    private static string? Plain(string value) => RuleCheck.IsToken(value) ? null : value;
}
