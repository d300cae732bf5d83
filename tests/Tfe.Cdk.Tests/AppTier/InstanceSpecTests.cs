using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

public sealed class InstanceSpecTests
{
    [Theory]
    [InlineData("m5.xlarge", 4, 16.0, false, false)]
    [InlineData("m5.2xlarge", 8, 32.0, false, false)]
    [InlineData("db.m6i.xlarge", 4, 16.0, false, false)]
    [InlineData("cache.m5.large", 2, 8.0, false, false)]
    [InlineData("c5.2xlarge", 8, 16.0, false, false)]
    [InlineData("r6g.xlarge", 4, 32.0, false, true)]
    [InlineData("t3.xlarge", 4, 16.0, true, false)]
    [InlineData("m7i-flex.xlarge", 4, 16.0, false, false)]
    public void Reads_Size_And_Kind_From_The_Name(string name, int vcpus, double memory, bool burstable, bool arm)
    {
        var spec = InstanceSpec.Parse(name)!;
        Assert.Equal(vcpus, spec.VCpus);
        Assert.Equal(memory, spec.MemoryGiB);
        Assert.Equal(burstable, spec.IsBurstable);
        Assert.Equal(arm, spec.IsArm64);
    }

    [Fact]
    public void Flex_Types_Are_Recognised() => Assert.True(InstanceSpec.Parse("m7i-flex.xlarge")!.IsFlex);

    [Theory]
    [InlineData("")]
    [InlineData("xlarge")]
    [InlineData("m5")]
    public void Rejects_Names_That_Are_Not_Types(string name) => Assert.Null(InstanceSpec.Parse(name));

    [Fact]
    public void Unknown_Families_Do_Not_Claim_A_Size() => Assert.Null(InstanceSpec.Parse("i4i.xlarge")!.Meets(4, 16));
}
