using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Dr;

/// <summary>
/// samples/MultiRegionApp with the context docs/disaster-recovery.md tells an operator to pass (deploy and promotion): it
/// synthesizes (a hosted zone given as context was once imported twice into the primary stack, and every real deploy
/// failed), and each value reaches the stack that needs it.
/// </summary>
public sealed class MultiRegionDeployContextTests(MultiRegionDeployContextFixture f) : IClassFixture<MultiRegionDeployContextFixture>
{
    [Fact]
    [Trait("Rule", "NET-3")]
    public void The_Documented_Context_Reaches_Both_Regions_NET_3()
    {
        var app = f.App;

        // The hosted zone: the primary's canonical name and the DR stack's failover pair are all in the given zone.
        foreach (var t in new[] { app.Primary, app.Dr })
        {
            var records = t.IdsOf("AWS::Route53::RecordSet");
            Assert.NotEmpty(records);
            Assert.All(records, id => Assert.Equal(MultiRegionDeployContextFixture.ZoneId, (string?)t.AllResources[id]!["Properties"]!["HostedZoneId"]));
        }

        // The failover pair answers for the hostname; each region's listener has its own region's certificate.
        Assert.Contains(app.Dr.IdsOf("AWS::Route53::RecordSet"),
            id => (string?)app.Dr.AllResources[id]!["Properties"]!["Name"] == MultiRegionDeployContextFixture.Hostname + ".");
        Assert.Equal(MultiRegionDeployContextFixture.PrimaryCertificate, ListenerCertificate(app.Primary));
        Assert.Equal(MultiRegionDeployContextFixture.DrCertificate, ListenerCertificate(app.Dr));

        // Promoted with the deployment's context: the DR nodes serve (min = max = the primary's count).
        var group = app.Dr.AllResources[app.Dr.IdsOf("AWS::AutoScaling::AutoScalingGroup").Single()]!["Properties"]!;
        Assert.Equal("3", (string?)group["MinSize"]);
    }

    private static string? ListenerCertificate(SynthesizedTemplate t) =>
        t.IdsOf("AWS::ElasticLoadBalancingV2::Listener")
            .Select(id => t.AllResources[id]!["Properties"]!["Certificates"])
            .OfType<JsonArray>()
            .Select(c => (string?)c[0]!["CertificateArn"])
            .Single();
}
