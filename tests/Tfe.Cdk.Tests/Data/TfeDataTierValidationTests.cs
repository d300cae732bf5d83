using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.RDS;
using Tfe.Cdk.Constructs;
using static Tfe.Cdk.Constructs.TfeDataTierPropsValidator;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;

namespace Tfe.Cdk.Tests.Data;

/// <summary>The data tier's rules, checked on plain values: no jsii, no synth (except the last two tests).</summary>
public sealed class TfeDataTierValidationTests
{
    public static TheoryData<string> TooSmallInstanceTypes => new() { "m6i.large", "r6i.large", "c6i.xlarge", "t3.large", "db.m5.large", "m4.large" };

    public static TheoryData<string> LargeEnoughInstanceTypes => new() { "m6i.xlarge", "m6i.2xlarge", "r6i.xlarge", "m7g.xlarge", "db.m4.xlarge", "t3.xlarge", "m6i.metal" };

    public static TheoryData<string, string> UnsupportedEngineVersions => new()
    {
        { "12.17", "12" }, { "11.22", "11" }, { "10.23", "10" }, { "14.2", "14" }, { "14.0", "14" },
    };

    public static TheoryData<string, string> SupportedEngineVersions => new()
    {
        { "13.20", "13" }, { "14.4", "14" }, { "15.12", "15" }, { "16.13", "16" }, { "17.5", "17" },
    };

    public static TheoryData<int?, int?> BadStorage => new()
    {
        { 20, null }, { 49, null }, { 100, 80 }, { null, 49 }, { 50, 70000 }, { 70000, 70000 },
    };

    public static TheoryData<double> BadRetentionDays => new() { 0, 36, 365, 1.5, -1 };

    public static TheoryData<string> BadIdentifiers => new() { "", "1tfe", "_tfe", "tfe-db", "tfe db", "tfé", new string('a', 64) };

    public static TheoryData<string> ReservedUsernames => new() { "admin", "ADMIN", "rdsadmin", "public", "pg_tfe", "rds_tfe" };

    [Fact]
    public void Defaults_Pass() => Assert.Empty(Check(new Values()).Violations);

    [Fact]
    public void Explicit_Reference_Values_Pass() =>
        Assert.Empty(Check(new Values("m6i.2xlarge", "16.13", "16", 50, 50, 1, "tfe_prod", "postgres")).Violations);

    [Theory]
    [Trait("Rule", "DB-2")]
    [MemberData(nameof(TooSmallInstanceTypes))]
    public void Fails_When_DatabaseInstanceType_Is_Below_4_vCpu_16_GiB_DB2(string type) =>
        AssertRules(new Values(DatabaseInstanceType: type), RuleIdsUnderTest.Db2);

    [Theory]
    [Trait("Rule", "DB-2")]
    [MemberData(nameof(LargeEnoughInstanceTypes))]
    public void Passes_When_DatabaseInstanceType_Meets_The_Minimum_DB2(string type) =>
        Assert.Empty(Check(new Values(DatabaseInstanceType: type)).Violations);

    [Theory]
    [Trait("Rule", "DB-1")]
    [MemberData(nameof(UnsupportedEngineVersions))]
    public void Fails_When_DatabaseEngineVersion_Is_Not_Supported_By_Tfe_DB1(string full, string major) =>
        AssertRules(new Values(EngineFullVersion: full, EngineMajorVersion: major), RuleIdsUnderTest.Db1);

    [Theory]
    [Trait("Rule", "DB-1")]
    [MemberData(nameof(SupportedEngineVersions))]
    public void Passes_When_DatabaseEngineVersion_Is_Supported_DB1(string full, string major) =>
        Assert.Empty(Check(new Values(EngineFullVersion: full, EngineMajorVersion: major)).Violations);

    [Theory]
    [Trait("Rule", "DB-2")]
    [MemberData(nameof(BadStorage))]
    public void Fails_When_Storage_Is_Below_50_GiB_Or_Ceiling_Is_Wrong_DB2(int? allocated, int? max) =>
        AssertRules(new Values(AllocatedStorageGiB: allocated, MaxAllocatedStorageGiB: max), RuleIdsUnderTest.Db2);

    [Theory]
    [Trait("Rule", "DB-3")]
    [MemberData(nameof(BadRetentionDays))]
    public void Fails_When_DatabaseBackupRetention_Is_Off_Or_Out_Of_Range_DB3(double days) =>
        AssertRules(new Values(BackupRetentionDays: days), RuleIdsUnderTest.Db3);

    [Theory]
    [Trait("Rule", "DB-1")]
    [MemberData(nameof(BadIdentifiers))]
    public void Fails_When_DatabaseName_Or_Username_Is_Not_A_Postgres_Identifier_DB1(string name)
    {
        AssertRules(new Values(DatabaseName: name), RuleIdsUnderTest.Db1);
        AssertRules(new Values(DatabaseUsername: name), RuleIdsUnderTest.Db1);
    }

    [Theory]
    [Trait("Rule", "DB-1")]
    [MemberData(nameof(ReservedUsernames))]
    public void Fails_When_DatabaseUsername_Is_Reserved_DB1(string name)
    {
        var violation = Assert.Single(Check(new Values(DatabaseUsername: name)).Violations);
        Assert.Equal("DatabaseUsername", violation.PropertyName);
    }

    [Fact]
    public void Reports_Every_Violation_At_Once()
    {
        var violations = Check(new Values("t3.medium", "12.17", "12", 20, 10, 0, "tfe-db", "admin")).Violations;
        Assert.Equal(["DB-2", "DB-1", "DB-3"], violations.Select(v => v.RuleId).Distinct().ToArray());
        Assert.True(violations.Count >= 6);
        Assert.All(violations, v => Assert.Contains(v.PropertyName, v.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [Trait("Rule", "DB-2")]
    [InlineData("t3.xlarge", "burstableDatabase")]
    [InlineData("t4g.2xlarge", "burstableDatabase")]
    [InlineData("hpc6a.48xlarge", "unknownDatabaseSize")]
    [InlineData("u-6tb1.metal", "unknownDatabaseSize")]
    public void Warns_On_Discouraged_Or_Unreadable_DatabaseInstanceType_DB2(string type, string topic)
    {
        var advice = Advise(new Values(DatabaseInstanceType: type));
        Assert.Contains(advice, a => a.Topic == topic && a.RuleId == "DB-2");
    }

    [Fact]
    [Trait("Rule", "S3-5")]
    public void Warns_On_Destroy_And_On_No_Backup_Bucket_S3_5()
    {
        Assert.Empty(Advise(new Values()));
        Assert.Contains(Advise(new Values(Destroy: true)), a => a.Topic == "destroyState");
        Assert.Contains(Advise(new Values(BackupBucket: false)), a => a.Topic == "noBackupBucket" && a.RuleId == "S3-5");
    }

    [Fact]
    public void Reads_Props_Into_Plain_Values_Without_Synth()
    {
        var values = Read(new TfeDataTierProps
        {
            Network = null!,
            DatabaseInstanceType = InstanceType.Of(InstanceClass.M6I, InstanceSize.XLARGE2),
            DatabaseEngineVersion = PostgresEngineVersion.Of("15.12", "15"),
            DatabaseBackupRetention = Duration.Hours(36),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Assert.Equal(new Values("m6i.2xlarge", "15.12", "15", BackupRetentionDays: 1.5, Destroy: true), values);
        Assert.Null(Read(new TfeDataTierProps { Network = null!, DatabaseBackupRetention = Duration.Days(Token.AsNumber(Fn.Ref("Days"))) }).BackupRetentionDays);
    }

    [Fact]
    public void Construct_Throws_One_Exception_Listing_Both_Violations()
    {
        var stack = TestApp.NewStack();
        var network = new TfeNetwork(stack, "Network");
        var ex = Assert.Throws<TfeValidationException>(() => new TfeDataTier(stack, "Data", new TfeDataTierProps
        {
            Network = network,
            DatabaseInstanceType = InstanceType.Of(InstanceClass.M6I, InstanceSize.LARGE),
            DatabaseBackupRetention = Duration.Days(0),
        }));
        Assert.Equal("Test/Data", ex.ConstructPath);
        Assert.Equal(["DB-2", "DB-3"], ex.RuleIds);
        Assert.Contains("DatabaseInstanceType", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DatabaseBackupRetention", ex.Message, StringComparison.Ordinal);
    }

    private static void AssertRules(Values values, string ruleId)
    {
        var violations = Check(values).Violations;
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal(ruleId, v.RuleId));
    }

    private static class RuleIdsUnderTest
    {
        public const string Db1 = "DB-1";
        public const string Db2 = "DB-2";
        public const string Db3 = "DB-3";
    }
}
