using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Redis;

/// <summary>The validator over plain values (no jsii), one theory per rule, plus one construct-level throw test.</summary>
public sealed class TfeRedisValidationTests
{
    private static readonly string[] ThreeAzs = ["us-east-1a", "us-east-1b", "us-east-1c"];

    public static TheoryData<string> BadVersions => new() { "3.2.10", "2.8.24", "5.0", "4.0", "5", "7.x", "6.x", "5.0.5", "4.0.9", "7.1.0", "7.2", "8.0", "banana", "" };

    public static TheoryData<string> GoodVersions => new() { "4.0.10", "5.0.6", "6.0", "6.2", "7.0", "7.1" };

    public static TheoryData<string> BadNodeTypes => new() { "m5.large", "db.m5.large", "cache.m5", "cache.large", "banana" };

    public static TheoryData<int> BadPorts => new() { 80, 0, 1023, 65536, -1 };

    public static TheoryData<string> LocalZones => new() { "us-west-2-lax-1a", "us-east-1-bos-1a", "us-east-1-wl1-bos-wlz-1" };

    [Theory]
    [Trait("Rule", "REDIS-8")]
    [MemberData(nameof(BadVersions))]
    public void Fails_When_EngineVersion_Is_Not_An_Exact_Supported_Version_REDIS_8(string version) =>
        AssertFails(Check(version: version), RuleIds.Redis8, "EngineVersion");

    [Theory]
    [Trait("Rule", "REDIS-8")]
    [MemberData(nameof(GoodVersions))]
    public void Passes_For_Exact_ElastiCache_Versions_REDIS_8(string version) =>
        Assert.Empty(Check(version: version).Violations);

    [Theory]
    [Trait("Rule", "REDIS-6")]
    [MemberData(nameof(BadNodeTypes))]
    public void Fails_When_NodeType_Is_Not_A_Cache_Node_Type_REDIS_6(string nodeType) =>
        AssertFails(Check(nodeType: nodeType), RuleIds.Redis6, "NodeType");

    [Theory]
    [Trait("Rule", "REDIS-7")]
    [MemberData(nameof(BadPorts))]
    public void Fails_When_Port_Is_Out_Of_Range_REDIS_7(int port) =>
        AssertFails(Check(port: port), RuleIds.Redis7, "Port");

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Fails_When_Data_Subnets_Are_Public_REDIS_7() =>
        AssertFails(Check(dataSubnetsArePublic: true), RuleIds.Redis7, "Network.DataSubnets");

    [Theory]
    [Trait("Rule", "REDIS-5")]
    [MemberData(nameof(LocalZones))]
    public void Fails_When_A_Data_Subnet_Is_In_A_Local_Zone_REDIS_5(string az) =>
        AssertFails(Check(azs: ["us-west-2a", az]), RuleIds.Redis5, "Network.DataSubnets");

    [Theory]
    [Trait("Rule", "REDIS-5")]
    [InlineData("us-east-1a")]
    [InlineData("us-gov-west-1a")]
    [InlineData("ap-southeast-2c")]
    public void Regular_Azs_Are_Not_Local_Zones_REDIS_5(string az) =>
        Assert.False(TfeRedisPropsValidator.IsLocalOrWavelengthZone(az));

    [Theory]
    [Trait("Rule", "REDIS-3")]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(7)]
    public void Fails_When_The_Data_Subnets_Do_Not_Give_2_To_6_Azs_Without_Sandbox_REDIS_3(int azCount) =>
        AssertFails(Check(azs: Enumerable.Range(0, azCount).Select(i => "us-east-1" + (char)('a' + i)).ToArray()), RuleIds.Redis3, "Network.DataSubnets");

    [Fact]
    [Trait("Rule", "REDIS-3")]
    public void One_Az_Is_Fine_For_A_Sandbox_REDIS_3() =>
        Assert.Empty(Check(azs: ["us-east-1a"], sandbox: true).Violations);

    [Fact]
    public void Defaults_Pass() => Assert.Empty(Check().Violations);

    [Fact]
    public void Two_Bad_Props_Throw_One_Exception_Naming_Both_Rules()
    {
        var stack = TestApp.NewStack();
        var network = new TfeNetwork(stack, "Network");
        var ex = Assert.Throws<TfeValidationException>(() => new TfeRedis(stack, "Redis", new TfeRedisProps
        {
            Network = network,
            NodeType = "m5.large",
            EngineVersion = TfeRedisVersion.Of("5.0"),
        }));
        Assert.Equal([RuleIds.Redis6, RuleIds.Redis8], ex.RuleIds);
        Assert.Equal("Test/Redis", ex.ConstructPath);
        Assert.Contains("EngineVersion", ex.Message, StringComparison.Ordinal);
    }

    private static RuleCheck Check(
        string nodeType = "cache.m5.large",
        string version = "5.0.6",
        int port = 6379,
        bool sandbox = false,
        string[]? azs = null,
        bool dataSubnetsArePublic = false) =>
        TfeRedisPropsValidator.Check(nodeType, version, port, sandbox, azs ?? ThreeAzs, dataSubnetsArePublic);

    private static void AssertFails(RuleCheck check, string ruleId, string property)
    {
        var violation = Assert.Single(check.Violations);
        Assert.Equal(ruleId, violation.RuleId);
        Assert.Equal(property, violation.PropertyName);
    }
}
