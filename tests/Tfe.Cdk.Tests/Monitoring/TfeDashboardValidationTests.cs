using Amazon.CDK.AWS.CloudWatch;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>The dashboard's own checks: what a user passes to <see cref="TfeDashboard"/> directly. No synth.</summary>
public sealed class TfeDashboardValidationTests
{
    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Fails_When_The_App_Tier_Is_Missing_And_The_Name_Is_Not_A_Dashboard_Name_OPS_2()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() =>
            new TfeDashboard(stack, "Dashboard", new TfeDashboardProps { App = null!, DashboardName = "tfe dashboard!" }));
        Assert.Equal(["App", "DashboardName"], error.Violations.Select(v => v.PropertyName));
        Assert.All(error.Violations, v => Assert.Equal("OPS-2", v.RuleId));
        Assert.Contains("got \"tfe dashboard!\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Fails_When_Props_Are_Null_Or_An_Alarm_Is_Null_OPS_2()
    {
        var stack = TestApp.NewStack();
        Assert.Equal("props", Assert.Throws<TfeValidationException>(() => new TfeDashboard(stack, "A", null!)).PropertyName);
        var error = Assert.Throws<TfeValidationException>(() =>
            new TfeDashboard(stack, "B", new TfeDashboardProps { App = null!, Alarms = [null!] }));
        Assert.Contains("Alarms", error.Violations.Select(v => v.PropertyName));
    }
}
