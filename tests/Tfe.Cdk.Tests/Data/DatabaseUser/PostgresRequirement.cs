namespace Tfe.Cdk.Tests.Data.DatabaseUser;

/// <summary>
/// Whether the database-user handler can be proven against a real PostgreSQL here: it needs PostgreSQL's server binaries
/// (initdb, pg_ctl, psql) and node. Without them the test is skipped with the reason and the command that enables it,
/// except where the run must be complete (<c>CI=true</c>): there it runs and fails, naming what is missing.
/// </summary>
internal static class PostgresRequirement
{
    /// <summary>The command that installs what the test needs (Debian, Ubuntu).</summary>
    public const string InstallCommand = "sudo apt-get install postgresql nodejs";

    private static readonly Lazy<string?> Reason = new(() => SkipReason(BinDirectory, Environment.GetEnvironmentVariable("PATH"),
        Environment.GetEnvironmentVariable, asRoot: Environment.UserName == "root"));

    /// <summary>The newest installed PostgreSQL's binaries (Debian's layout, /usr/lib/postgresql/N/bin), or null.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    /// <summary>Why the test is skipped here, or null when it runs.</summary>
    public static string? Skip => Reason.Value;

    /// <summary>The skip reason for a machine described by its PostgreSQL binaries, PATH and environment; null when the test must run.</summary>
    /// <param name="binDirectory">PostgreSQL's server binaries, or null.</param>
    /// <param name="path">The PATH the test's programs are found on.</param>
    /// <param name="environment">Reads an environment variable (<c>CI</c>).</param>
    /// <param name="asRoot">
    /// Whether the test runs as root: initdb refuses root, so the cluster runs as the package's postgres user, through
    /// <c>chown</c> and <c>runuser</c>, which must then be on PATH too.
    /// </param>
    public static string? SkipReason(string? binDirectory, string? path, Func<string, string?> environment, bool asRoot = false)
    {
        if (string.Equals(environment("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var missing = new List<string>();
        if (binDirectory is null)
        {
            missing.Add("PostgreSQL's server binaries (initdb, pg_ctl under /usr/lib/postgresql/N/bin)");
        }

        foreach (var program in asRoot ? new[] { "node", "chown", "runuser" } : ["node"])
        {
            if (Which(program, path) is null)
            {
                missing.Add(program);
            }
        }

        return missing.Count == 0
            ? null
            : $"the database-user handler is proven against a throwaway PostgreSQL cluster; {string.Join(" and ", missing)} not found: {InstallCommand} (CI=true fails instead of skipping)";
    }

    /// <summary>A program's full path on <paramref name="path"/>, or null.</summary>
    public static string? Which(string program, string? path) =>
        (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static string? FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(dir => (Dir: dir, Major: int.TryParse(Path.GetFileName(dir), out var major) ? major : -1))
            .Where(d => d.Major > 0 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")) && File.Exists(Path.Combine(d.Dir, "bin", "pg_ctl")))
            .OrderByDescending(d => d.Major)
            .Select(d => Path.Combine(d.Dir, "bin"))
            .FirstOrDefault();
    }
}

/// <summary>A fact that needs PostgreSQL and node (<see cref="PostgresRequirement"/>): skipped with the reason where they are missing, outside CI.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from <see cref="PostgresRequirement.Skip"/>.</summary>
    public PostgresFactAttribute() => Skip = PostgresRequirement.Skip;
}
