using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>Bad input to the topologies: refused at construction time, never synthesized.</summary>
public sealed class TopologyValidationTests
{
    private static TfeStandaloneProps Valid(Stack stack) => new()
    {
        Hostname = "tfe.example.com",
        License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
        LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
    };

    [Fact]
    public void Fails_With_One_Exception_Listing_Every_Mistake_Across_The_Tiers()
    {
        var stack = TestApp.NewStack();
        var props = Valid(stack) with
        {
            Hostname = string.Empty,
            InstanceType = new InstanceType("t3.xlarge"),
            RootVolumeSizeGiB = 30,
            LoadBalancerType = TfeLoadBalancerType.Network,
            TargetType = TfeTargetType.Instance,
            Data = new TfeDataTierOptions
            {
                DatabaseInstanceType = new InstanceType("t3.large"),
                DatabaseBackupRetention = Duration.Days(0),
            },
        };

        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", props));

        Assert.Equal("Test/Tfe", error.ConstructPath);
        foreach (var rule in new[] { "NET-2", "COMP-2", "COMP-1", "TLS-5", "TLS-6", "TLS-1", "DB-2", "DB-3" })
        {
            Assert.Contains(rule, error.RuleIds);
        }

        Assert.Contains("COMP-2: InstanceType must not be a burstable (T-family) type, got \"t3.xlarge\".", error.Message, StringComparison.Ordinal);
        Assert.Contains("COMP-1: RootVolumeSizeGiB must be at least 50 GiB, got 30.", error.Message, StringComparison.Ordinal);
        Assert.Contains("DatabaseInstanceType", error.Message, StringComparison.Ordinal);
        Assert.Contains("DatabaseBackupRetention", error.Message, StringComparison.Ordinal);
        Assert.Empty(stack.Node.FindAll().OfType<TfeAppTier>());
    }

    [Fact]
    [Trait("Rule", "TLS-2")]
    public void Fails_When_A_Missing_Certificate_Leaves_The_Alb_Without_Tls_TLS_2()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", Valid(stack) with { LoadBalancerCertificate = null }));
        Assert.Equal(["TLS-2"], error.RuleIds);
        Assert.Equal("LoadBalancerCertificate", error.PropertyName);
    }

    [Fact]
    [Trait("Rule", "MODE-1")]
    public void Standalone_Props_Cannot_Express_A_Node_Count_MODE_1() =>
        Assert.Null(typeof(TfeStandaloneProps).GetProperty("NodeCount"));

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Fails_When_Both_Network_And_NetworkOptions_Are_Given_NET_1()
    {
        var stack = TestApp.NewStack();
        var network = new TfeNetwork(stack, "Shared");
        var error = Assert.Throws<TfeValidationException>(() =>
            new TfeStandalone(stack, "Tfe", Valid(stack) with { Network = network, NetworkOptions = new TfeNetworkProps { MaxAzs = 2 } }));
        Assert.Contains("NET-1", error.RuleIds);
    }

    [Fact]
    [Trait("Rule", "NET-2")]
    public void Fails_When_The_Hostname_Is_Outside_The_Hosted_Zone_NET_2()
    {
        var stack = TestApp.NewStack();
        var zone = HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes { HostedZoneId = "Z123", ZoneName = "corp.internal" });
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", Valid(stack) with { HostedZone = zone }));
        Assert.Equal(["NET-2"], error.RuleIds);
    }

    [Fact]
    [Trait("Rule", "MODE-3")]
    public void Fails_When_Active_Active_Runs_More_Nodes_Than_Tfe_Supports_MODE_3()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => new TfeActiveActive(stack, "Tfe", ActiveActive(stack) with { NodeCount = 6 }));
        Assert.Equal(["MODE-3"], error.RuleIds);
    }

    [Fact]
    [Trait("Rule", "MODE-5")]
    public void Fails_When_Active_Active_Nodes_Cannot_Alternate_Zones_MODE_5()
    {
        var stack = TestApp.NewStack();
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-1",
            VpcCidrBlock = "10.1.0.0/16",
            AvailabilityZones = ["us-east-1a", "us-east-1b"],
            PublicSubnetIds = ["subnet-p1", "subnet-p2"],
            PrivateSubnetIds = ["subnet-a1", "subnet-a2"],
            PrivateSubnetRouteTableIds = ["rtb-1", "rtb-2"],
        });
        var oneZone = new TfeNetwork(stack, "OneZone", new TfeNetworkProps
        {
            Vpc = vpc,
            PrivateSubnets = new SubnetSelection { AvailabilityZones = ["us-east-1a"], SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
        });

        var error = Assert.Throws<TfeValidationException>(() => new TfeActiveActive(stack, "Tfe", ActiveActive(stack) with { Network = oneZone }));

        Assert.Contains("MODE-5", error.RuleIds);
    }

    [Fact]
    [Trait("Rule", "OPS-3")]
    public void Fails_When_Drain_Timeout_Is_Beyond_The_Lifecycle_Hook_Limit_OPS_3()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() =>
            new TfeActiveActive(stack, "Tfe", ActiveActive(stack) with { DrainTimeout = Duration.Hours(3) }));
        Assert.Equal(["OPS-3"], error.RuleIds);
    }

    [Fact]
    [Trait("Rule", "REDIS-8")]
    public void Fails_With_The_Cache_Rules_Listed_Beside_The_Others_REDIS_8()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => new TfeActiveActive(stack, "Tfe", ActiveActive(stack) with
        {
            RootVolumeSizeGiB = 10,
            Redis = new TfeRedisOptions { EngineVersion = TfeRedisVersion.Of("3.2.10") },
        }));
        Assert.Contains("REDIS-8", error.RuleIds);
        Assert.Contains("COMP-1", error.RuleIds);
    }

    [Fact]
    [Trait("Rule", "DB-1")]
    [Trait("Rule", "REDIS-8")]
    public void Fails_When_The_Tfe_Release_Supports_Neither_The_Postgres_Nor_The_Redis_Version_DB_1_REDIS_8()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => new TfeActiveActive(stack, "Tfe", ActiveActive(stack) with
        {
            TfeVersion = "1.0.3",
            Data = new TfeDataTierOptions { DatabaseEngineVersion = Amazon.CDK.AWS.RDS.PostgresEngineVersion.Of("17.5", "17") },
            Redis = new TfeRedisOptions { EngineVersion = TfeRedisVersion.V5_0_6 },
        }));

        Assert.Equal(["DB-1", "REDIS-8"], error.RuleIds);
        Assert.Equal(["Data.DatabaseEngineVersion", "Redis.EngineVersion"], error.Violations.Select(v => v.PropertyName));
        Assert.Contains("DB-1: Data.DatabaseEngineVersion is not a PostgreSQL version TFE 1.0.3 supports (TfeVersion 1.0.3, release line 1.0.x", error.Message, StringComparison.Ordinal);
        Assert.Contains("got \"17.5\".", error.Message, StringComparison.Ordinal);
        Assert.Contains("REDIS-8: Redis.EngineVersion is not a Redis version TFE 1.0.3 supports (TfeVersion 1.0.3, release line 1.0.x", error.Message, StringComparison.Ordinal);
        Assert.Contains("got \"5.0.6\".", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DB-1")]
    public void Fails_When_A_Release_Is_Given_A_Postgres_Only_A_Later_Release_Supports_DB_1()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", Valid(stack) with
        {
            TfeVersion = "1.2.2",
            Data = new TfeDataTierOptions { DatabaseEngineVersion = Amazon.CDK.AWS.RDS.PostgresEngineVersion.Of("18.1", "18") },
        }));

        Assert.Equal(["DB-1"], error.RuleIds);
        Assert.Contains("TfeVersion 1.2.2, release line 1.2.x: PostgreSQL 13, 14, 15, 16, 17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "REDIS-8")]
    public void A_Release_Line_That_Supports_The_Versions_Passes_REDIS_8()
    {
        var stack = TestApp.NewStack();
        var aa = new TfeActiveActive(stack, "Tfe", ActiveActive(stack) with
        {
            TfeVersion = "2.0.0",
            Data = new TfeDataTierOptions { DatabaseEngineVersion = Amazon.CDK.AWS.RDS.PostgresEngineVersion.Of("18.1", "18") },
            Redis = new TfeRedisOptions { EngineVersion = TfeRedisVersion.Of("6.2") },
        });
        Assert.Equal("6.2", aa.Redis.EngineVersion.Version);
    }

    private static TfeActiveActiveProps ActiveActive(Stack stack) => new()
    {
        Hostname = "tfe.example.com",
        License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
        LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
    };
}
