using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>An exact ElastiCache for Redis OSS engine version for <see cref="TfeRedis"/> (REDIS-8).</summary>
/// <remarks>
/// REDIS-8 is dated: the reference architecture's Redis 4.0 and 5.0 predate today's TFE releases, whose documentation
/// lists Redis 6 and 7 and recommends 7 (1.1.0 dropped 6.0). The rule that stands: pin an exact version the chosen TFE
/// release supports. <see cref="V7_1"/> is the default; <see cref="Of"/> names another ElastiCache version (6.0, 6.2, 7.0;
/// ElastiCache names Redis 6 and later by major.minor and applies patches itself). <see cref="V4_0_10"/> and
/// <see cref="V5_0_6"/> remain for old deployments: no release in the library's support table accepts them, and
/// ElastiCache moved Redis 4 and 5 to paid Extended Support on 2026-01-31.
/// A version is checked when the <see cref="TfeRedis"/> is defined, and against the TFE release by
/// <see cref="TfeActiveActive"/>, not here, so that every mistake is reported at once.
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "Version members are named like the CDK's engine versions (VER_15_2): V5_0_6 reads as 5.0.6.")]
public sealed partial class TfeRedisVersion
{
    private static readonly string[] ElastiCacheNewerVersions = ["6.0", "6.2", "7.0", "7.1"];

    private TfeRedisVersion(string version) => Version = version;

    /// <summary>Redis 4.0.10: listed by the (dated) reference; no current TFE release supports it; in paid ElastiCache Extended Support.</summary>
    public static TfeRedisVersion V4_0_10 { get; } = new("4.0.10");

    /// <summary>Redis 5.0.6: the (dated) reference's recommendation; no current TFE release supports it; in paid ElastiCache Extended Support.</summary>
    public static TfeRedisVersion V5_0_6 { get; } = new("5.0.6");

    /// <summary>Redis 7.1 (parameter group family <c>redis7</c>): the default, supported by every TFE release line the library knows.</summary>
    public static TfeRedisVersion V7_1 { get; } = new("7.1");

    /// <summary>The engine version as ElastiCache names it, for example <c>7.1</c> or <c>5.0.6</c>.</summary>
    public string Version { get; }

    /// <summary>A version you name yourself, for example <c>TfeRedisVersion.Of("7.1")</c>.</summary>
    /// <param name="version">An exact ElastiCache version: 4.0.10, 5.0.6, 6.0, 6.2, 7.0 or 7.1.</param>
    /// <returns>The version; it is checked (REDIS-8) when the <see cref="TfeRedis"/> is defined.</returns>
    /// <remarks>Null, empty and malformed versions are refused (REDIS-8) when the <see cref="TfeRedis"/> is defined.</remarks>
    public static TfeRedisVersion Of(string version) => new(version?.Trim() ?? string.Empty);

    /// <summary>The engine version, for example <c>7.1</c>.</summary>
    public override string ToString() => Version;

    /// <summary>The major version, or null when the text is not a version.</summary>
    internal int? Major => Parse(Version)?.Major;

    /// <summary>True for the versions the (dated) reference lists: 4.0 and 5.0, which no current TFE release supports.</summary>
    internal bool IsReferenceVersion => Major is 4 or 5;

    /// <summary>The ElastiCache parameter group family (<c>redis5.0</c>, <c>redis6.x</c>, <c>redis7</c>), for a valid version.</summary>
    internal string ParameterGroupFamily => Major switch
    {
        4 => "redis4.0",
        5 => "redis5.0",
        6 => "redis6.x",
        7 => "redis7",
        _ => throw new InvalidOperationException($"No parameter group family for Redis {Version}; validate the version first."),
    };

    /// <summary>What is wrong with a version, as (problem, fix), or null when ElastiCache offers it exactly.</summary>
    internal static (string Problem, string Fix)? Problem(string version)
    {
        const string UseDefault = "Use TfeRedisVersion.V7_1 (the default; HashiCorp recommends Redis 7)";
        var parsed = Parse(version);
        if (parsed is not { } v)
        {
            return ("is not a Redis version", UseDefault);
        }

        if (v.Major < 4)
        {
            return ("is older than any TFE release supports, and past its ElastiCache end of life", UseDefault);
        }

        if (v.Major is 4 or 5)
        {
            if (v.Minor is null || v.Patch is null)
            {
                return ("is not an exact version: the reference asks for the exact version to be pinned", UseDefault);
            }

            return version is "4.0.10" or "5.0.6"
                ? null
                : ("is not a version ElastiCache offers (4.0.10 and 5.0.6; 5.0.0 to 5.0.5 are deprecated)", UseDefault);
        }

        if (v.Minor is null)
        {
            return ("is not an exact version: the reference asks for the exact version to be pinned",
                "Name the minor version, for example TfeRedisVersion.Of(\"7.0\"), or use TfeRedisVersion.V7_1");
        }

        if (v.Patch is not null || v.PatchWildcard || !ElastiCacheNewerVersions.Contains(version, StringComparer.Ordinal))
        {
            return ("is not a version ElastiCache for Redis OSS offers (from Redis 6 on it names versions major.minor: 6.0, 6.2, 7.0, 7.1; later engines are Valkey, which TfeRedis does not define)",
                "Use TfeRedisVersion.V7_1 (the default)");
        }

        return null;
    }

    private static (int Major, int? Minor, int? Patch, bool PatchWildcard)? Parse(string version)
    {
        var m = VersionPattern().Match(version);
        if (!m.Success)
        {
            return null;
        }

        static int? Number(Group g) => g.Success && g.Value != "x" ? int.Parse(g.Value, CultureInfo.InvariantCulture) : null;
        return (int.Parse(m.Groups["major"].Value, CultureInfo.InvariantCulture), Number(m.Groups["minor"]), Number(m.Groups["patch"]),
            m.Groups["patch"].Value == "x");
    }

    [GeneratedRegex(@"^(?<major>\d{1,3})(?:\.(?<minor>\d{1,3}|x)(?:\.(?<patch>\d{1,3}|x))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
