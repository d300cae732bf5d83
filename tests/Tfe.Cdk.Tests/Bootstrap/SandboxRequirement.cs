namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// Whether the bootstrap harness can run here, and what a test that needs it reports when it cannot. The harness runs the
/// node's user data under bash in bubblewrap, with the real jq the node installs: without either, its tests are skipped
/// with the reason and the command that enables them, except where the run must be complete (<c>CI=true</c>, or
/// <c>TFE_REQUIRE_SANDBOX=1</c>, which <c>.ci/run</c> sets): there they run and fail, naming the package to install.
/// </summary>
internal static class SandboxRequirement
{
    /// <summary>The one command that installs what the harness needs (Debian, Ubuntu; the packages have the same names on Fedora's dnf).</summary>
    public const string InstallCommand = "sudo apt-get install bubblewrap jq";

    /// <summary>The variable that turns a skip into a failure (<c>.ci/run</c> sets it, and <c>CI=true</c> does the same).</summary>
    public const string RequireVariable = "TFE_REQUIRE_SANDBOX";

    private static readonly Lazy<string?> Reason = new(() => SkipReason(
        OperatingSystem.IsLinux(), Environment.GetEnvironmentVariable("PATH"), Environment.GetEnvironmentVariable));

    /// <summary>Why this machine's harness tests are skipped, or null when they run (the tools are there, or they are required).</summary>
    public static string? Skip => Reason.Value;

    /// <summary>The programs the harness needs that are not on <paramref name="path"/> (a PATH value).</summary>
    public static IReadOnlyList<string> Missing(string? path) =>
        new[] { "bwrap", "jq", "bash" }
            .Where(program => !(path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(dir => File.Exists(Path.Combine(dir, program))))
            .ToList();

    /// <summary>True when a missing tool must fail the run instead of skipping (<c>CI=true</c> or <c>TFE_REQUIRE_SANDBOX=1</c>).</summary>
    public static bool Required(Func<string, string?> environment) =>
        string.Equals(environment("CI"), "true", StringComparison.OrdinalIgnoreCase) || environment(RequireVariable) == "1";

    /// <summary>The skip reason for a machine described by its OS, PATH and environment; null when the tests must run.</summary>
    public static string? SkipReason(bool isLinux, string? path, Func<string, string?> environment)
    {
        if (Required(environment))
        {
            return null;
        }

        if (!isLinux)
        {
            return "the bootstrap harness runs the node's user data in bubblewrap, which exists only on Linux; " +
                $"on Linux: {InstallCommand} (CI=true or {RequireVariable}=1 fails instead of skipping; docs/bootstrap-harness.md)";
        }

        var missing = Missing(path);
        return missing.Count == 0
            ? null
            : $"the bootstrap harness needs bubblewrap and jq; {string.Join(" and ", missing)} not on PATH: {InstallCommand} " +
              $"(CI=true or {RequireVariable}=1 fails instead of skipping; docs/bootstrap-harness.md)";
    }
}
