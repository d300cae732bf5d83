using System.Text.Json;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Versions;

/// <summary>The table of engine versions per TFE release line, checked over plain values (no jsii).</summary>
public sealed class TfeReleaseSupportTests
{
    public static TheoryData<string> LineNames => new(TfeReleaseSupport.Lines.Select(l => l.Name));

    /// <summary>(release tag, PostgreSQL major, supported): read from each line's requirement page.</summary>
    public static TheoryData<string, string, bool> PostgresPairs => new()
    {
        { "1.0.3", "13", true }, { "1.0.3", "16", true }, { "1.0.3", "17", false },
        { "1.1.4", "17", true }, { "1.1.0", "18", false },
        { "1.2.2", "13", true }, { "1.2.0", "17", true }, { "1.2.2", "18", false },
        { "2.0.0", "18", true }, { "2.0.0", "14", true }, { "2.0.0", "13", false },
        { "2.1.0", "18", true }, { "2.1.3", "13", false },
        { "v202408-1", "16", true }, { "v202507-1", "13", true }, { "v202504-1", "17", false },
    };

    /// <summary>(release tag, Redis engine version, supported).</summary>
    public static TheoryData<string, string, bool> RedisPairs => new()
    {
        { "1.0.3", "6.0", true }, { "1.0.3", "7.1", true }, { "1.0.3", "5.0.6", false },
        { "1.1.0", "6.0", false }, { "1.1.0", "6.2", true },
        { "1.2.2", "7.0", true }, { "1.2.2", "4.0.10", false },
        { "2.0.0", "7.1", true }, { "2.0.0", "6.0", false },
        { "2.1.0", "7.1", true }, { "2.1.0", "6.0", false },
        { "v202504-1", "6.0", true }, { "v202507-1", "5.0.6", false },
    };

    [Theory]
    [MemberData(nameof(LineNames))]
    [Trait("Rule", "DB-1")]
    [Trait("Rule", "REDIS-8")]
    public void Every_Line_Supports_The_Default_Postgres_And_Redis_And_Names_Its_Source_DB_1_REDIS_8(string name)
    {
        var line = TfeReleaseSupport.Lines.Single(l => l.Name == name);
        Assert.Contains(Defaults.PostgresMajorVersion, line.PostgresMajors);
        Assert.Contains(Defaults.RedisEngineVersion.Version, line.RedisVersions);
        Assert.StartsWith("terraform/enterprise/", line.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("4.0.10", line.RedisVersions);
        Assert.DoesNotContain("5.0.6", line.RedisVersions);
    }

    [Theory]
    [MemberData(nameof(LineNames))]
    public void Every_Line_Lists_Only_Versions_The_Library_Accepts_Otherwise(string name)
    {
        var line = TfeReleaseSupport.Lines.Single(l => l.Name == name);
        Assert.All(line.RedisVersions, v => Assert.Null(TfeRedisVersion.Problem(v)));
        Assert.All(line.PostgresMajors, m => Assert.Contains(m, Defaults.SupportedPostgresMajorVersions));
    }

    [Fact]
    public void The_Default_Release_Is_In_The_Table_And_The_Union_Is_13_To_18()
    {
        Assert.Equal("2.0.x", TfeReleaseSupport.For(Defaults.TfeVersion)?.Name);
        Assert.True(TfeReleaseSupport.For(Defaults.TfeVersion)!.Verified);
        Assert.Equal(["13", "14", "15", "16", "17", "18"], Defaults.SupportedPostgresMajorVersions);
    }

    [Theory]
    [MemberData(nameof(PostgresPairs))]
    [Trait("Rule", "DB-1")]
    public void Checks_The_Release_And_Postgres_Pair_DB_1(string tfeVersion, string major, bool supported)
    {
        var violations = TfeReleaseSupport.Check(tfeVersion, major, major + ".4", redisVersion: null).Violations;
        if (supported)
        {
            Assert.Empty(violations);
            return;
        }

        var violation = Assert.Single(violations);
        Assert.Equal("DB-1", violation.RuleId);
        Assert.Equal("Data.DatabaseEngineVersion", violation.PropertyName);
        Assert.Equal($"\"{major}.4\"", violation.Value); // the user's version string, quoted
        Assert.Contains($"TfeVersion {tfeVersion}", violation.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RedisPairs))]
    [Trait("Rule", "REDIS-8")]
    public void Checks_The_Release_And_Redis_Pair_REDIS_8(string tfeVersion, string redis, bool supported)
    {
        var violations = TfeReleaseSupport.Check(tfeVersion, postgresMajor: null, postgresFull: null, redis).Violations;
        if (supported)
        {
            Assert.Empty(violations);
            return;
        }

        var violation = Assert.Single(violations);
        Assert.Equal("REDIS-8", violation.RuleId);
        Assert.Equal("Redis.EngineVersion", violation.PropertyName);
        Assert.Equal($"\"{redis}\"", violation.Value); // the user's version string, quoted
        Assert.Contains($"TfeVersion {tfeVersion}", violation.ToString(), StringComparison.Ordinal);
        Assert.Contains("TfeRedisVersion.V7_1", violation.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.0.0")]
    [InlineData("1.3.0")]
    [InlineData("v202301-1")]
    [InlineData("not-a-release")]
    public void A_Release_Outside_The_Table_Is_Not_Checked(string tfeVersion)
    {
        Assert.Null(TfeReleaseSupport.For(tfeVersion));
        Assert.Empty(TfeReleaseSupport.Check(tfeVersion, "12", "12.22", "4.0.10").Violations);
    }

    [Fact]
    public void The_Committed_Context_Holds_The_Node_Image_For_Every_Sample_Region()
    {
        using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "cdk.context.json")));
        foreach (var region in new[] { "us-east-1", "us-west-2" })
        {
            var image = context.RootElement.GetProperty(TestApp.ImageContextKey(region)).GetString();
            Assert.Matches("^ami-[0-9a-f]{17}$", image);
        }

        Assert.Equal(TestApp.ImageId, context.RootElement.GetProperty(TestApp.ImageContextKey("us-east-1")).GetString());
    }
}
