namespace Tfe.Cdk.Tests.Bootstrap;

/// <summary>
/// When the harness's tests are skipped and when they must run: skipped with the command that enables them where
/// bubblewrap or jq is missing, run (and failed) under CI or TFE_REQUIRE_SANDBOX=1.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxRequirementTests
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    [Fact]
    public void Skips_Naming_What_Is_Missing_And_The_Command_That_Installs_It()
    {
        var tools = Directory.CreateTempSubdirectory("sandbox-tools-");
        try
        {
            File.WriteAllText(Path.Combine(tools.FullName, "bash"), string.Empty);
            File.WriteAllText(Path.Combine(tools.FullName, "jq"), string.Empty);

            var reason = SandboxRequirement.SkipReason(isLinux: true, tools.FullName, NoVariables);

            Assert.NotNull(reason);
            Assert.Contains("bwrap not on PATH", reason, StringComparison.Ordinal);
            Assert.Contains("sudo apt-get install bubblewrap jq", reason, StringComparison.Ordinal);
            Assert.Contains("TFE_REQUIRE_SANDBOX=1", reason, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(tools.FullName, "bwrap"), string.Empty);
            Assert.Null(SandboxRequirement.SkipReason(isLinux: true, tools.FullName, NoVariables));
        }
        finally
        {
            tools.Delete(recursive: true);
        }
    }

    [Fact]
    public void Skips_Off_Linux_Where_Bubblewrap_Does_Not_Exist()
    {
        var reason = SandboxRequirement.SkipReason(isLinux: false, path: null, NoVariables);

        Assert.NotNull(reason);
        Assert.Contains("only on Linux", reason, StringComparison.Ordinal);
        Assert.Contains(SandboxRequirement.InstallCommand, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("CI", "TRUE")]
    [InlineData("TFE_REQUIRE_SANDBOX", "1")]
    public void Runs_And_Fails_Instead_Of_Skipping_When_The_Run_Must_Be_Complete(string variable, string value)
    {
        Func<string, string?> environment = name => name == variable ? value : null;

        Assert.Null(SandboxRequirement.SkipReason(isLinux: true, path: null, environment));
        Assert.Null(SandboxRequirement.SkipReason(isLinux: false, path: null, environment));
    }

    [Theory]
    [InlineData("CI", "false")]
    [InlineData("TFE_REQUIRE_SANDBOX", "0")]
    public void Still_Skips_When_The_Variable_Does_Not_Ask_For_It(string variable, string value)
    {
        Func<string, string?> environment = name => name == variable ? value : null;

        Assert.NotNull(SandboxRequirement.SkipReason(isLinux: true, path: null, environment));
    }
}
