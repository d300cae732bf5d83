using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Versions;

/// <summary>
/// One release of every line in the support table, carried through what the library derives from it on plain values (no
/// jsii): the line, the health endpoint the load balancer and the node probe, the image the node pulls, the Docker
/// Engine range the node configuration carries, and the engine defaults the release accepts.
/// </summary>
public sealed class ReleaseLineTests
{
    /// <summary>(a release of the line, its line, its health endpoint, its Docker Engine range, whether the row was read from the line's own pages).</summary>
    public static TheoryData<string, string, string, string, bool> Releases => new()
    {
        { "2.1.0", "2.1.x", "/api/v1/health/readiness", "23.0 to 26.1", false },
        { "2.0.1", "2.0.x", "/api/v1/health/readiness", "23.0 to 26.1", true },
        { "1.2.2", "1.2.x", "/api/v1/health/readiness", "23.0 to 26.1", true },
        { "1.1.4", "1.1.x", "/_health_check", "23.0 to 26.1", true },
        { "1.0.3", "1.0.x", "/_health_check", "23.0 to 26.1", true },
        { "v202507-1", "v202408-1 to v202507-1", "/_health_check", "23.0 to 26.1", true },
    };

    [Fact]
    public void Every_Line_Has_A_Release_Here()
    {
        var covered = Releases.Select(row => (string)row[1]).ToHashSet(StringComparer.Ordinal);
        Assert.All(TfeReleaseSupport.Lines, line => Assert.Contains(line.Name, covered));
    }

    [Theory]
    [MemberData(nameof(Releases))]
    [Trait("Rule", "DB-1")]
    [Trait("Rule", "REDIS-8")]
    public void A_Release_Of_Each_Line_Renders_Its_Node_And_Accepts_The_Default_Engines(string tag, string lineName, string healthPath, string docker, bool verified)
    {
        var line = TfeReleaseSupport.For(tag);
        Assert.NotNull(line);
        Assert.Equal(lineName, line.Name);
        Assert.Equal(verified, line.Verified);
        Assert.Equal(docker, line.Docker.ToString());
        Assert.Equal(line.Docker, TfeReleaseSupport.DockerFor(tag));
        Assert.Empty(TfeReleaseSupport.Check(tag, Defaults.PostgresMajorVersion, Defaults.PostgresFullVersion, Defaults.RedisEngineVersion.Version).Violations);

        var release = TfeRelease.Parse(tag)!;
        Assert.Equal(healthPath, release.HealthPath);
        var script = TfeNodeScript.Render(Node(release), 1500);
        Assert.Contains($"readonly TFE_IMAGE='{Defaults.TfeImageRepository}:{tag}'", script, StringComparison.Ordinal);
        Assert.Contains($"readonly HEALTH_PATH='{healthPath}'", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.0.1", 25, 0, true)]   // Amazon Linux 2023's docker stream
    [InlineData("2.0.1", 23, 0, true)]
    [InlineData("2.0.1", 26, 1, true)]
    [InlineData("2.0.1", 26, 2, false)]
    [InlineData("2.0.1", 27, 0, false)]
    [InlineData("2.0.1", 20, 10, false)]
    [InlineData("1.2.2", 22, 9, false)]
    [InlineData("3.0.0", 20, 10, true)]  // outside the table: only the historical floor, no ceiling
    [InlineData("3.0.0", 29, 0, true)]
    [InlineData("3.0.0", 20, 9, false)]
    public void The_Node_Accepts_Only_The_Docker_Engine_Range_Of_Its_Line(string tag, int major, int minor, bool accepted) =>
        Assert.Equal(accepted, TfeReleaseSupport.DockerFor(tag).Contains(major, minor));

    [Fact]
    public void A_Release_Outside_The_Table_Gets_A_Floor_And_No_Ceiling()
    {
        var unknown = TfeReleaseSupport.DockerFor("3.0.0");
        Assert.Equal(DockerEngineRange.Unknown, unknown);
        Assert.Null(unknown.MaxMajor);
        Assert.Equal("20.10 or later", unknown.ToString());
        Assert.Equal(DockerEngineRange.Unknown, TfeReleaseSupport.DockerFor("${Token[TOKEN.12]}"));
    }

    [Theory]
    [MemberData(nameof(Releases))]
    [Trait("Rule", "DB-1")]
    public void A_Release_Of_A_Line_Not_Read_From_Its_Own_Pages_Is_Accepted_With_A_Warning_Saying_So_DB_1(
        string tag, string lineName, string healthPath, string docker, bool verified)
    {
        _ = (healthPath, docker);
        var advice = TfeReleaseSupport.Advise(tag);
        if (verified)
        {
            Assert.Empty(advice);
            return;
        }

        var warning = Assert.Single(advice);
        Assert.Equal(("releaseLineNotVerified", "DB-1"), (warning.Topic, warning.RuleId));
        Assert.StartsWith($"TfeVersion {tag} is of the {lineName} line, whose release notes and requirement pages the library could not read", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"such as {Defaults.TfeVersion} (the default)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DB-1")]
    public void A_Release_Outside_The_Table_Warns_And_A_Token_Or_A_Malformed_Tag_Does_Not_DB_1()
    {
        Assert.Equal("releaseNotInSupportTable", Assert.Single(TfeReleaseSupport.Advise("3.0.0")).Topic);
        Assert.Empty(TfeReleaseSupport.Advise("${Token[TOKEN.12]}"));
        Assert.Empty(TfeReleaseSupport.Advise("latest"));
    }

    private static TfeNodeConfiguration Node(TfeRelease release) => new()
    {
        Region = "us-east-1",
        StackName = "Tfe",
        SignalResource = "AppAutoScalingGroup1234",
        InitResource = "AppLaunchTemplate1234",
        Hostname = "tfe.example.com",
        Image = $"{Defaults.TfeImageRepository}:{release.Tag}",
        HealthPath = release.HealthPath,
        LogGroupName = "tfe-logs",
        LicenseSecretArn = "arn:license",
        Settings = [new("TFE_HOSTNAME", "tfe.example.com")],
        Secrets = [new("TFE_LICENSE", "arn:license")],
        DockerEngine = TfeReleaseSupport.DockerFor(release.Tag),
    };
}
