using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>
/// The node lifecycle's timing rules (one BootTimeout drives every duration) and the Initial Admin Creation Token
/// options, checked on plain values: no jsii, no synth.
/// </summary>
public sealed class NodeLifecycleValidationTests
{
    private static readonly AppTierInputs Standalone = new()
    {
        Hostname = "tfe.example.com",
        Mode = TfeOperationalMode.External,
        InstanceType = "m5.xlarge",
        LoadBalancerType = TfeLoadBalancerType.Application,
        HasLoadBalancerCertificate = true,
    };

    private static readonly AppTierInputs ActiveActive = Standalone with { Mode = TfeOperationalMode.ActiveActive, HasRedis = true, NodeCount = 3 };

    private static IReadOnlyList<TfeRuleViolation> Check(AppTierInputs inputs) => TfeAppTierPropsValidator.Check(inputs).Violations;

    [Theory]
    [Trait("Rule", "COMP-3")]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(60)]
    [InlineData(1199)]
    [InlineData(3601)]
    [InlineData(7200)]
    public void Fails_When_Boot_Timeout_Is_Outside_20_To_60_Minutes_COMP_3(int seconds)
    {
        var violation = Assert.Single(Check(Standalone with { BootTimeoutSeconds = seconds }));
        Assert.Equal("COMP-3", violation.RuleId);
        Assert.Equal("BootTimeout", violation.PropertyName);
        Assert.Equal($"{seconds} seconds", violation.Value);
        Assert.Contains("between 20 and 60 minutes", violation.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "COMP-3")]
    [InlineData(1200)]
    [InlineData(2700)]
    [InlineData(3600)]
    public void Accepts_A_Standalone_Boot_Timeout_Between_20_And_60_Minutes_COMP_3(int seconds) =>
        Assert.Empty(Check(Standalone with { BootTimeoutSeconds = seconds }));

    [Fact]
    [Trait("Rule", "COMP-3")]
    public void Active_Active_Boot_Timeout_Must_Also_Cover_The_Drain_COMP_3()
    {
        // Default drain: 30 minutes, so BootTimeout needs 30 + 15 (a TFE start) + 5 (signal margin) = 50 minutes.
        var violation = Assert.Single(Check(ActiveActive with { BootTimeoutSeconds = 2700 }));
        Assert.Equal(("COMP-3", "BootTimeout"), (violation.RuleId, violation.PropertyName));
        Assert.Contains("between 50 and 60 minutes", violation.Problem, StringComparison.Ordinal);
        Assert.Contains("drain (30 minutes)", violation.Problem, StringComparison.Ordinal);

        Assert.Empty(Check(ActiveActive with { BootTimeoutSeconds = 3000 }));
        Assert.Empty(Check(ActiveActive with { BootTimeoutSeconds = 2700, DrainTimeoutSeconds = 1500 }));
    }

    [Fact]
    [Trait("Rule", "OPS-3")]
    public void Drain_Timeout_Must_Fit_Inside_The_Longest_Boot_Timeout_OPS_3()
    {
        Assert.Empty(Check(ActiveActive with { DrainTimeoutSeconds = Defaults.MaxDrainTimeoutSeconds }));
        Assert.Equal(2400, Defaults.MaxDrainTimeoutSeconds);
        var violation = Assert.Single(Check(ActiveActive with { DrainTimeoutSeconds = 3600 }));
        Assert.Equal(("OPS-3", "DrainTimeout"), (violation.RuleId, violation.PropertyName));
        Assert.Contains("between 5 and 40 minutes", violation.Problem, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "COMP-3")]
    public void Defaults_Are_Consistent_By_Construction_COMP_3()
    {
        // The node's deadline < the CloudFormation signal timeout (= PauseTime = BootTimeout) <= PT1H.
        Assert.True(Defaults.BootTimeoutSeconds - Defaults.SignalMarginSeconds < Defaults.BootTimeoutSeconds);
        Assert.True(Defaults.BootTimeoutSeconds <= Defaults.MaxBootTimeoutSeconds);
        Assert.Equal(3600, Defaults.MaxBootTimeoutSeconds);
        // The default drain plus a TFE start fits the node's deadline.
        Assert.True(Defaults.DrainTimeoutSeconds + Defaults.MinNodeStartSeconds <= Defaults.BootTimeoutSeconds - Defaults.SignalMarginSeconds);
        Assert.Empty(Check(ActiveActive));
        Assert.Empty(Check(Standalone));
    }

    [Theory]
    [Trait("Rule", "COMP-4")]
    [InlineData("10.0.0.0/33")]
    [InlineData("not-a-cidr")]
    [InlineData("10.0.0.1")]
    public void Fails_When_An_Iact_Subnet_Is_Not_A_Cidr_COMP_4(string cidr)
    {
        var violation = Assert.Single(Check(Standalone with { IactSubnets = [cidr] }));
        // The user's text, quoted (so a blank or padded range is visible).
        Assert.Equal(("COMP-4", "IactSubnets", $"\"{cidr}\""), (violation.RuleId, violation.PropertyName, violation.Value));
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Iact_Subnets_Accept_Ipv4_And_Ipv6_Ranges_And_Refuse_An_Empty_List_COMP_4()
    {
        Assert.Empty(Check(Standalone with { IactSubnets = ["10.0.0.0/16", "2001:db8::/32"] }));
        var empty = Assert.Single(Check(Standalone with { IactSubnets = [] }));
        Assert.Equal(("IactSubnets", "[] (empty)"), (empty.PropertyName, empty.Value));
    }

    [Theory]
    [Trait("Rule", "COMP-4")]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(86460)]
    public void Fails_When_The_Iact_Time_Limit_Is_Not_Whole_Minutes_Between_1_And_1440_COMP_4(int seconds)
    {
        var violation = Assert.Single(Check(Standalone with { IactTimeLimitSeconds = seconds }));
        Assert.Equal(("COMP-4", "IactTimeLimit"), (violation.RuleId, violation.PropertyName));
        Assert.Equal($"{seconds} seconds", violation.Value); // a description of the Duration, not the user's text: not quoted
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Accepts_An_Iact_Time_Limit_In_Whole_Minutes_COMP_4() =>
        Assert.Empty(Check(Standalone with { IactTimeLimitSeconds = 120 * 60 }));
}
