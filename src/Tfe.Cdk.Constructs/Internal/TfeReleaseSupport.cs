using System.Globalization;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Which PostgreSQL majors, Redis engine versions and Docker Engine versions each TFE release line supports, from
/// HashiCorp's requirement pages for that line (docs/versions.md lists the pages). One row per line; a release outside
/// every row is "unknown": the topologies warn and skip the pair checks instead of guessing.
/// </summary>
internal static class TfeReleaseSupport
{
    /// <summary>A TFE release line and the engine versions its documentation supports.</summary>
    /// <param name="Name">The line as HashiCorp's docs name it: <c>1.2.x</c>, or a range of calendar releases.</param>
    /// <param name="Matches">Whether a parsed release tag belongs to the line.</param>
    /// <param name="PostgresMajors">PostgreSQL majors the line supports (14 always from 14.4: 14.0 to 14.3 have a known defect).</param>
    /// <param name="RedisVersions">ElastiCache for Redis OSS engine versions the line supports.</param>
    /// <param name="Docker">The Docker Engine versions the line's "Prepare the host" page lists.</param>
    /// <param name="Source">The requirement pages (and release notes) the row was read from.</param>
    /// <param name="Verified">
    /// False when the line's own requirement pages could not be read and the row carries the previous line's values
    /// (docs/versions.md says which); such a row is still checked, and the docs name what to confirm.
    /// </param>
    internal sealed record Line(
        string Name,
        Func<TfeRelease, bool> Matches,
        IReadOnlyList<string> PostgresMajors,
        IReadOnlyList<string> RedisVersions,
        DockerEngineRange Docker,
        string Source,
        bool Verified = true)
    {
        /// <summary>
        /// Whether the line's connect-redis page documents AWS IAM (passwordless) authentication to ElastiCache
        /// (<c>TFE_REDIS_PASSWORDLESS_AWS_*</c>, "AWS IAM"): from 1.1.x; the 1.0.x and calendar-release pages have no such section.
        /// </summary>
        public bool RedisIamAuth { get; init; }

        /// <summary>
        /// Whether the line has RDS IAM database authentication (<c>TFE_DATABASE_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE</c>,
        /// <c>TFE_DATABASE_PASSWORDLESS_AWS_REGION</c>): from 1.1.0 (releases/1.1.x, 1.1.0 highlights; the 1.1.x and later
        /// connect-database/postgres pages, "AWS IAM authentication"); not in 1.0.x (its page lists only Azure MSI) nor the
        /// calendar releases, which came before 1.1.0.
        /// </summary>
        public bool PasswordlessDatabase { get; init; }
    }

    private static readonly string[] Redis6And7 = ["6.0", "6.2", "7.0", "7.1"];
    private static readonly string[] Redis62And7 = ["6.2", "7.0", "7.1"];

    /// <summary>
    /// Docker Engine 23.0.x, 24.0.x, 25.0.x, 26.0.x and 26.1.x: the list on the "Prepare the host" page of v202507-1, 1.0.x,
    /// 1.1.x and 1.2.x (deploy/prepare-host). From 2.0 that page defers to IBM's compatibility report.
    /// </summary>
    private static readonly DockerEngineRange Docker23To26_1 = new(23, 0, 26, 1);

    /// <summary>The table, newest line first.</summary>
    public static IReadOnlyList<Line> Lines { get; } =
    [
        new("2.1.x", r => Semantic(r, 2, 1), ["14", "15", "16", "17", "18"], Redis62And7, Docker23To26_1,
            "terraform/enterprise/2.1.x is listed as the latest line (for example terraform/enterprise/api-docs/node-drain-status), but its "
            + "release notes and requirements could not be read: every value is carried over from 2.0.x", Verified: false) { RedisIamAuth = true, PasswordlessDatabase = true },
        new("2.0.x", r => Semantic(r, 2, 0), ["14", "15", "16", "17", "18"], Redis62And7, Docker23To26_1,
            "terraform/enterprise/releases/2.0.x (2.0.0: PostgreSQL 18 supported); the 2.0.x requirement pages defer to IBM's compatibility report, "
            + "so 13 (end of life, deprecated in 1.1.0 for removal) is left out and Redis and Docker are carried over from 1.2.x") { RedisIamAuth = true, PasswordlessDatabase = true },
        new("1.2.x", r => Semantic(r, 1, 2), ["13", "14", "15", "16", "17"], Redis62And7, Docker23To26_1,
            "terraform/enterprise/1.2.x/deploy/configuration/storage/connect-database/postgres, .../1.2.x/deploy/configuration/storage/connect-redis, .../1.2.x/deploy/prepare-host") { RedisIamAuth = true, PasswordlessDatabase = true },
        new("1.1.x", r => Semantic(r, 1, 1), ["13", "14", "15", "16", "17"], Redis62And7, Docker23To26_1,
            "terraform/enterprise/1.1.x/requirements/data-storage/postgres-requirements; releases/1.1.x (1.1.0: PostgreSQL 17 supported, Redis 6.0 no longer supported); .../1.1.x/deploy/prepare-host") { RedisIamAuth = true, PasswordlessDatabase = true },
        new("1.0.x", r => Semantic(r, 1, 0), ["13", "14", "15", "16"], Redis6And7, Docker23To26_1,
            "terraform/enterprise/1.0.x/requirements/data-storage/postgres-requirements, .../1.0.x/deploy/configuration/storage/connect-redis, .../1.0.x/deploy/prepare-host"),
        new("v202408-1 to v202507-1", r => r.IsCalendar && r.Major * 100 + r.Minor is >= 202408 and <= 202507, ["13", "14", "15", "16"], Redis6And7, Docker23To26_1,
            "terraform/enterprise/v202504-1 .. v202507-1/requirements/data-storage/postgres-requirements, .../v202504-1/deploy/configuration/storage/connect-redis, .../v202507-1/deploy/prepare-host"),
    ];

    /// <summary>
    /// The Docker Engine versions a node accepts for a release: its line's range, or, for a release outside the table (or a
    /// token), only the floor TFE has required since v202111-1 (Docker Engine 20.10) and no ceiling, because the library
    /// does not know what a release it has never seen supports.
    /// </summary>
    public static DockerEngineRange DockerFor(string? tfeVersion) =>
        !RuleCheck.IsToken(tfeVersion) && For(tfeVersion) is { } line ? line.Docker : DockerEngineRange.Unknown;

    /// <summary>Every PostgreSQL major some line supports: what the data tier accepts when it does not know the release.</summary>
    public static IReadOnlyList<string> AllPostgresMajors { get; } =
        Lines.SelectMany(l => l.PostgresMajors).Distinct().OrderBy(m => int.Parse(m, CultureInfo.InvariantCulture)).ToList();

    /// <summary>The line a release tag belongs to, or null for a release the table does not cover (or a tag that is not a release).</summary>
    public static Line? For(string? tfeVersion) => TfeRelease.Parse(tfeVersion) is { } release ? Lines.FirstOrDefault(l => l.Matches(release)) : null;

    /// <summary>
    /// The (release, PostgreSQL) and (release, Redis) pairs: DB-1 or REDIS-8 when the release's documentation does not list
    /// the version. Skipped for a token, an unparsable tag (the app tier reports it) or a release outside the table.
    /// </summary>
    /// <param name="tfeVersion">The TFE release tag.</param>
    /// <param name="postgresMajor">The PostgreSQL major version, or null when unknown (a token).</param>
    /// <param name="postgresFull">The full PostgreSQL version, for the message.</param>
    /// <param name="redisVersion">The Redis engine version, or null without a cache.</param>
    /// <param name="postgresProperty">The prop the PostgreSQL version was given in, for the message.</param>
    /// <param name="redisProperty">The prop the Redis version was given in, for the message.</param>
    public static RuleCheck Check(string tfeVersion, string? postgresMajor, string? postgresFull, string? redisVersion,
        string postgresProperty = "Data.DatabaseEngineVersion", string redisProperty = "Redis.EngineVersion")
    {
        var check = new RuleCheck();
        if (RuleCheck.IsToken(tfeVersion) || For(tfeVersion) is not { } line)
        {
            return check;
        }

        check.FailIf(postgresMajor is not null && !RuleCheck.IsToken(postgresMajor) && !line.PostgresMajors.Contains(postgresMajor),
            RuleIds.Db1, postgresProperty, postgresFull ?? postgresMajor,
            $"is not a PostgreSQL version TFE {tfeVersion} supports (TfeVersion {tfeVersion}, release line {line.Name}: PostgreSQL {Join(line.PostgresMajors)}; 14 from 14.4)",
            $"Use a supported major, such as PostgresEngineVersion.Of(\"{Defaults.PostgresFullVersion}\", \"{Defaults.PostgresMajorVersion}\") (the default), or a TfeVersion whose line supports this one");
        check.FailIf(redisVersion is not null && !RuleCheck.IsToken(redisVersion) && !line.RedisVersions.Contains(redisVersion),
            RuleIds.Redis8, redisProperty, redisVersion,
            $"is not a Redis version TFE {tfeVersion} supports (TfeVersion {tfeVersion}, release line {line.Name}: Redis {Join(line.RedisVersions)})",
            $"Use TfeRedisVersion.V7_1 (the default, HashiCorp's recommendation) or another version the release supports");
        return check;
    }

    /// <summary>
    /// REDIS-7: IAM authentication to the cache needs a release whose documentation covers it (<see cref="Line.RedisIamAuth"/>).
    /// Releases outside the table are judged as in <see cref="Lacks"/>; a token or an unparsable tag is not checked.
    /// </summary>
    /// <param name="tfeVersion">The TFE release tag.</param>
    /// <param name="authentication">The cache's authentication, or null without a cache.</param>
    /// <param name="property">The prop the authentication was given in, for the message.</param>
    public static RuleCheck CheckRedisAuthentication(string tfeVersion, TfeRedisAuthentication? authentication, string property = "Redis.Authentication")
    {
        var check = new RuleCheck();
        if (authentication != TfeRedisAuthentication.Iam || RuleCheck.IsToken(tfeVersion) || TfeRelease.Parse(tfeVersion) is not { } release)
        {
            return check;
        }

        var lineName = For(tfeVersion)?.Name ?? "a calendar release before v202408-1";
        return check.FailIf(Lacks(release, tfeVersion, l => l.RedisIamAuth), RuleIds.Redis7, property, authentication,
            $"is not available with TFE {tfeVersion} (release line {lineName}): HashiCorp documents AWS IAM authentication to Redis (TFE_REDIS_PASSWORDLESS_AWS_*) for {LinesWith(l => l.RedisIamAuth)} only",
            "Use a TfeVersion of 1.1.x or later, or Authentication = TfeRedisAuthentication.AuthToken");
    }

    /// <summary>
    /// DB-1: RDS IAM database authentication needs a release that has it (<see cref="Line.PasswordlessDatabase"/>).
    /// Releases outside the table are judged as in <see cref="Lacks"/>; a token or an unparsable tag is not checked.
    /// </summary>
    /// <param name="tfeVersion">The TFE release tag.</param>
    /// <param name="authentication">The data tier's authentication, or null for the default (password).</param>
    /// <param name="property">The prop the authentication was given in, for the message.</param>
    public static RuleCheck CheckDatabaseAuthentication(string tfeVersion, TfeDatabaseAuthentication? authentication,
        string property = "Data.DatabaseAuthentication")
    {
        var check = new RuleCheck();
        if (authentication != TfeDatabaseAuthentication.Iam || RuleCheck.IsToken(tfeVersion) || TfeRelease.Parse(tfeVersion) is not { } release)
        {
            return check;
        }

        var with = LinesWith(l => l.PasswordlessDatabase);
        return check.FailIf(Lacks(release, tfeVersion, l => l.PasswordlessDatabase), RuleIds.Db1, property, nameof(TfeDatabaseAuthentication.Iam),
            $"needs a TFE release with RDS IAM database authentication (TFE_DATABASE_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE, from 1.1.0; lines {with}), and TfeVersion {tfeVersion} has none",
            "Use TfeDatabaseAuthentication.Password with this release, or a TfeVersion of 1.1.0 or later");
    }

    /// <summary>
    /// The advice for a release the library cannot fully check: a tag outside the table (an older calendar release, or a
    /// line newer than the library, such as 3.0.0), whose engine versions were not checked at all; or a tag of a line whose
    /// own pages could not be read (<see cref="Line.Verified"/> false), whose ranges are carried over from the line before.
    /// Nothing for a token or an unparsable tag (refused elsewhere).
    /// </summary>
    /// <param name="tag">The TFE release tag.</param>
    public static IReadOnlyList<Advice> Advise(string tag)
    {
        if (RuleCheck.IsToken(tag) || TfeRelease.Parse(tag) is null)
        {
            return [];
        }

        if (For(tag) is not { } line)
        {
            return
            [
                new Advice("releaseNotInSupportTable", RuleIds.Db1,
                    $"TfeVersion {tag} is not in the library's support table (lines {string.Join(", ", Lines.Select(l => l.Name))}), so the "
                    + "PostgreSQL and Redis versions were not checked against it (DB-1, REDIS-8). Check HashiCorp's requirement pages for that release "
                    + "before deploying; the library refuses nothing it cannot verify."),
            ];
        }

        return line.Verified
            ? []
            :
            [
                new Advice("releaseLineNotVerified", RuleIds.Db1,
                    $"TfeVersion {tag} is of the {line.Name} line, whose release notes and requirement pages the library could not read: its PostgreSQL, "
                    + $"Redis and Docker Engine ranges are carried over from the line before ({line.Source}), so they were checked against values "
                    + $"HashiCorp may have changed (DB-1, REDIS-8). Check HashiCorp's {line.Name} requirement pages before deploying, or use a verified line "
                    + $"such as {Defaults.TfeVersion} (the default)."),
            ];
    }

    /// <summary>
    /// Whether a release lacks a feature of the table: its line's flag, when it has a line; outside the table, a calendar
    /// release lacks it (every calendar release came before the semantic lines, and the table's calendar row has none of
    /// these features), and a semantic release newer than the table does not (the topologies warn that it is unknown).
    /// </summary>
    private static bool Lacks(TfeRelease release, string tag, Func<Line, bool> feature) =>
        For(tag) is { } line ? !feature(line) : release.IsCalendar;

    /// <summary>The names of the lines that have a feature, newest first, for a refusal's message.</summary>
    private static string LinesWith(Func<Line, bool> feature) => string.Join(", ", Lines.Where(feature).Select(l => l.Name));

    private static bool Semantic(TfeRelease r, int major, int minor) => !r.IsCalendar && r.Major == major && r.Minor == minor;

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);
}
