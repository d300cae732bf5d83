using Amazon.CDK.AWS.CloudWatch;
using Tfe.Cdk.Tests.AppTier;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>The Standalone dashboard behind an internal Network Load Balancer: flows and resets, no HTTP metrics, no cache.</summary>
public sealed class TfeDashboardNetworkLoadBalancerTests(InternalNlbFixture f) : IClassFixture<InternalNlbFixture>
{
    private readonly DashboardBody body = new(f.Synth);

    [Fact]
    public void Shows_Flows_Resets_And_Target_Health_Of_The_Nlb()
    {
        Assert.Equal(["ActiveFlowCount", "NewFlowCount"], DashboardBody.Metrics(body.Widget("Load balancer flows")).Select(m => m.Name));
        Assert.Equal(["TCP_Client_Reset_Count", "TCP_ELB_Reset_Count", "TCP_Target_Reset_Count"],
            DashboardBody.Metrics(body.Widget("Load balancer TCP resets")).Select(m => m.Name));
        var health = DashboardBody.Metrics(body.Widget("Load balancer health checks"));
        Assert.Equal(["HealthyHostCount", "UnHealthyHostCount"], health.Select(m => m.Name));
        Assert.All(health, m => Assert.Equal("AWS/NetworkELB", m.Namespace));
    }

    [Fact]
    public void Has_No_Http_Graphs_And_No_Cache_Section()
    {
        Assert.DoesNotContain("Load balancer requests", body.Titles);
        Assert.DoesNotContain("5xx responses", body.Titles);
        Assert.DoesNotContain(body.Titles, t => t.StartsWith("Cache", StringComparison.Ordinal));
        Assert.Contains("Database CPU (%)", body.Titles);
        Assert.Equal(f.Synth.IdsOf("AWS::CloudWatch::Alarm").Order(), body.AlarmIds.Order());
    }

    [Fact]
    public void Fails_When_An_Http_Metric_Is_Asked_Of_An_Nlb()
    {
        var app = f.Standalone.App;
        var error = Assert.Throws<InvalidOperationException>(() => app.MetricRequestCount());
        Assert.Contains("NetworkLoadBalancer.Metrics", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => app.MetricTargetResponseTime());
        Assert.Equal("UnHealthyHostCount", ((Metric)app.MetricUnhealthyHostCount()).MetricName);
    }
}

/// <summary>The Standalone dashboard behind a Classic Load Balancer: the AWS/ELB equivalents of the ALB's metrics.</summary>
public sealed class TfeDashboardClassicLoadBalancerTests(ClassicFixture f) : IClassFixture<ClassicFixture>
{
    private readonly DashboardBody body = new(f.Synth);

    [Theory]
    [InlineData("Load balancer requests", new[] { "RequestCount" })]
    [InlineData("5xx responses", new[] { "HTTPCode_Backend_5XX", "HTTPCode_ELB_5XX" })]
    [InlineData("Response time (seconds)", new[] { "Latency", "Latency" })]
    [InlineData("Load balancer health checks", new[] { "HealthyHostCount", "UnHealthyHostCount" })]
    public void Shows_The_Classic_Load_Balancer_Metrics(string title, string[] metricNames)
    {
        var metrics = DashboardBody.Metrics(body.Widget(title));
        Assert.Equal(metricNames, metrics.Select(m => m.Name));
        Assert.All(metrics, m => Assert.Equal("AWS/ELB", m.Namespace));
        Assert.Contains("\"LoadBalancerName\",\"Ref:TfeAppLoadBalancer", body.Widget(title).ToJsonString(), StringComparison.Ordinal);
    }
}
