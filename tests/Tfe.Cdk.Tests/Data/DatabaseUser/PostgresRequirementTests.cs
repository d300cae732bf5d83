namespace Tfe.Cdk.Tests.Data.DatabaseUser;

/// <summary>
/// The PostgreSQL test skips with a reason naming every program it would start, so a machine without them sees a skip
/// rather than a failure (outside CI), and CI never skips.
/// </summary>
public sealed class PostgresRequirementTests
{
    private static string? NoVariables(string name) => null;

    [Fact]
    public void As_Root_Without_Chown_And_Runuser_On_Path_The_Reason_Names_Both()
    {
        var reason = PostgresRequirement.SkipReason("/usr/lib/postgresql/15/bin", path: string.Empty, NoVariables, asRoot: true);

        Assert.NotNull(reason);
        Assert.Contains("node and chown and runuser not found", reason, StringComparison.Ordinal);
        Assert.Contains(PostgresRequirement.InstallCommand, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_As_Root_Only_Node_Is_Needed_Beside_The_Server_Binaries()
    {
        var reason = PostgresRequirement.SkipReason(binDirectory: null, path: string.Empty, NoVariables, asRoot: false);

        Assert.NotNull(reason);
        Assert.Contains("(initdb, pg_ctl under /usr/lib/postgresql/N/bin) and node not found", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("chown", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_Ci_It_Never_Skips()
    {
        Assert.Null(PostgresRequirement.SkipReason(binDirectory: null, path: null, name => name == "CI" ? "true" : null, asRoot: true));
    }
}
