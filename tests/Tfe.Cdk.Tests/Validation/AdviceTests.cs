using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Validation;

/// <summary>
/// The third step of every tier's validator, on plain values (no synth): the warnings each tier advises, which its
/// construct adds through <c>Warnings.Add</c> (docs/validation.md, "The shape of a validator").
/// </summary>
public sealed class AdviceTests
{
    [Fact]
    public void Network_Advises_Only_When_The_S3_Endpoint_Is_Turned_Off()
    {
        Assert.Empty(TfeNetworkPropsValidator.Advise(new TfeNetworkProps()));
        var advice = Assert.Single(TfeNetworkPropsValidator.Advise(new TfeNetworkProps { S3GatewayEndpoint = false }));
        Assert.Equal(("noS3Endpoint", "S3-2"), (advice.Topic, advice.RuleId));
    }

    [Fact]
    public void Redis_Advises_On_A_Burstable_Node_A_Sandbox_And_The_Reference_Versions()
    {
        Assert.Empty(TfeRedisPropsValidator.Advise("cache.m5.large", TfeRedisVersion.V7_1, sandbox: false));
        var topics = TfeRedisPropsValidator.Advise("cache.t3.medium", TfeRedisVersion.V5_0_6, sandbox: true).Select(a => a.Topic);
        Assert.Equal(["burstableCache", "singleNodeCache", "redisExtendedSupport"], topics);
    }

    [Fact]
    public void App_Tier_Advises_On_A_Flex_Instance_Type_Only()
    {
        Assert.Empty(TfeAppTierPropsValidator.Advise(new AppTierInputs { InstanceType = "m5.xlarge" }));
        var advice = Assert.Single(TfeAppTierPropsValidator.Advise(new AppTierInputs { InstanceType = "m7i-flex.xlarge" }));
        Assert.Equal(("flexInstanceType", "COMP-2"), (advice.Topic, advice.RuleId));
    }

    [Theory]
    [Trait("Rule", "COMP-1")]
    [InlineData("i3.large")]
    [InlineData("g4dn.xlarge")]
    public void App_Tier_Warns_When_It_Cannot_Read_The_Node_Size_COMP_1(string instanceType)
    {
        // 2 vCPU (i3.large) would be refused if the library could read it; it cannot, so it says so instead of nothing.
        var advice = Assert.Single(TfeAppTierPropsValidator.Advise(new AppTierInputs { InstanceType = instanceType }));
        Assert.Equal(("unknownNodeSize", "COMP-1"), (advice.Topic, advice.RuleId));
        Assert.Contains("4 vCPU and 16 GiB", advice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_Tier_Advises_On_Deletion_Protection_Off_Unless_The_Data_Is_Destroyed_Anyway()
    {
        Assert.Contains(TfeDataTierPropsValidator.Advise(new TfeDataTierPropsValidator.Values(DeletionProtection: false)),
            a => a.Topic == "noDeletionProtection" && a.RuleId == "DB-3");
        Assert.DoesNotContain(TfeDataTierPropsValidator.Advise(new TfeDataTierPropsValidator.Values(DeletionProtection: false, Destroy: true)),
            a => a.Topic == "noDeletionProtection");
        Assert.Empty(TfeDataTierPropsValidator.Advise(new TfeDataTierPropsValidator.Values(DeletionProtection: true)));
    }
}
