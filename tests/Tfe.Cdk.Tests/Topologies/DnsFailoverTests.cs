using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.Assertions;
using Tfe.Cdk.Constructs;
using Props = System.Collections.Generic.Dictionary<string, object>;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>
/// The two halves of a DNS failover pair, one synth each region: Active/Active in us-east-1 (primary) and in us-west-2
/// (secondary), the same hostname and zone.
/// </summary>
public sealed class DnsFailoverFixture
{
    public DnsFailoverFixture()
    {
        Primary = Define("us-east-1", TfeDnsFailover.Primary);
        Secondary = Define("us-west-2", TfeDnsFailover.Secondary);
    }

    public SynthesizedTemplate Primary { get; }

    public SynthesizedTemplate Secondary { get; }

    private static SynthesizedTemplate Define(string region, TfeDnsFailover role)
    {
        var stack = TestApp.NewStack(region);
        var zone = HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes { HostedZoneId = "Z0FAILOVER", ZoneName = "corp.example.com" });
        var license = Secret.FromSecretNameV2(stack, "License", "tfe/license");
        var certificate = Certificate.FromCertificateArn(stack, "Cert", $"arn:aws:acm:{region}:123456789012:certificate/abc");
        new TfeActiveActive(stack, "Tfe", new TfeActiveActiveProps
        {
            Hostname = "tfe.corp.example.com", License = license, LoadBalancerCertificate = certificate, HostedZone = zone, DnsFailover = role,
        });

        return new SynthesizedTemplate(stack);
    }
}

public sealed class DnsFailoverTests(DnsFailoverFixture f) : IClassFixture<DnsFailoverFixture>
{
    [Theory]
    [Trait("Rule", "NET-3")]
    [Trait("Rule", "DR-5")]
    [InlineData(true, "PRIMARY", "tfe-primary")]
    [InlineData(false, "SECONDARY", "tfe-secondary")]
    public void Each_Region_Holds_One_Half_Of_A_Failover_Pair_On_The_Canonical_Name_NET_3_DR_5(bool primary, string role, string id) =>
        (primary ? f.Primary : f.Secondary).Template.HasResourceProperties("AWS::Route53::RecordSet", new Props
        {
            ["Name"] = "tfe.corp.example.com.",
            ["Type"] = "A",
            ["HostedZoneId"] = "Z0FAILOVER",
            ["Failover"] = role,
            ["SetIdentifier"] = id,
            ["AliasTarget"] = Match.ObjectLike(new Props { ["EvaluateTargetHealth"] = true }),
        });

    [Theory]
    [Trait("Rule", "DR-6")]
    [InlineData(true, "us-east-1")]
    [InlineData(false, "us-west-2")]
    public void Each_Region_Has_Its_Own_Cluster_And_Its_Own_Memory_Cache_DR_6(bool primary, string region)
    {
        var t = primary ? f.Primary : f.Secondary;
        Assert.Equal(region, t.Stack.Region);
        Assert.Single(t.IdsOf("AWS::AutoScaling::AutoScalingGroup"));
        t.Template.HasResourceProperties("AWS::ElastiCache::ReplicationGroup", new Props
        {
            ["PreferredCacheClusterAZs"] = new object[] { $"{region}a", $"{region}b", $"{region}c" },
        });
        Assert.Contains($"TFE_REDIS_HOST=${{GetAtt:{t.IdsOf("AWS::ElastiCache::ReplicationGroup").Single()}", t.UserData(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "NET-3")]
    public void Failover_Follows_The_Health_Of_The_Load_Balancer_Targets_Not_An_Internet_Probe_NET_3()
    {
        f.Primary.Template.ResourceCountIs("AWS::Route53::HealthCheck", 0);
        var alias = f.Primary.AllResources[f.Primary.IdsOf("AWS::Route53::RecordSet").Single()]!["Properties"]!["AliasTarget"]!.ToJsonString();
        Assert.Contains(f.Primary.IdsOf("AWS::ElasticLoadBalancingV2::LoadBalancer").Single(), alias, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "NET-3")]
    public void Fails_When_Failover_Is_Asked_Without_A_Hosted_Zone_NET_3()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            DnsFailover = TfeDnsFailover.Primary,
        }));
        Assert.Equal(["NET-3"], error.RuleIds);
        Assert.Equal("DnsFailover", error.PropertyName);
    }
}
