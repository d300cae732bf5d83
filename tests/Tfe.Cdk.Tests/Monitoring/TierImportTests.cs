using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>An app tier in one stack over the tiers of another, imported by their attributes.</summary>
public sealed class TierImportTests(CrossStackFixture f) : IClassFixture<CrossStackFixture>
{
    [Fact]
    public void Node_User_Data_Reads_The_Imported_Endpoints()
    {
        var userData = f.Synth.UserData();
        Assert.Contains("TFE_DATABASE_HOST=${{\"Fn::ImportValue\":\"Shared:ExportsOutputFnGetAttDataDatabase", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_REDIS_HOST=${{\"Fn::ImportValue\":\"Shared:ExportsOutputFnGetAttRedisReplicationGroup", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_OBJECT_STORAGE_S3_BUCKET=${{\"Fn::ImportValue\":\"Shared:ExportsOutputRefDataBucket", userData, StringComparison.Ordinal);
    }

    [Fact]
    public void Defines_No_Tier_Of_The_Other_Stack()
    {
        foreach (var type in new[] { "AWS::EC2::VPC", "AWS::RDS::DBInstance", "AWS::S3::Bucket", "AWS::ElastiCache::ReplicationGroup" })
        {
            Assert.Empty(f.Synth.IdsOf(type));
        }

        // The only key is the one of the alarm topic the app tier defines when none is given (not a data key).
        Assert.All(f.Synth.IdsOf("AWS::KMS::Key"), id => Assert.StartsWith("AppAlarmTopicKey", id, StringComparison.Ordinal));

        Assert.Single(f.Synth.IdsOf("AWS::AutoScaling::AutoScalingGroup"));
    }

    [Fact]
    public void Nodes_Are_Let_Into_The_Imported_Database_And_Cache_Security_Groups()
    {
        var ingress = f.Synth.IdsOf("AWS::EC2::SecurityGroupIngress")
            .Select(id => f.Synth.AllResources[id]!["Properties"]!)
            .Where(p => p["GroupId"]!.ToJsonString().Contains("Fn::ImportValue", StringComparison.Ordinal))
            .Select(p => (int)p["FromPort"]!)
            .Order();
        Assert.Equal([5432, 6379], ingress);
    }

    [Fact]
    public void Nodes_Run_In_The_Imported_Private_Subnets()
    {
        var zones = f.Synth.AllResources[f.Synth.IdsOf("AWS::AutoScaling::AutoScalingGroup").Single()]!["Properties"]!["VPCZoneIdentifier"]!.ToJsonString();
        Assert.Contains("Shared:ExportsOutputRefNetworkVpcPrivateSubnet1Subnet", zones, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_Wildcard_On_The_Imported_Bucket_Is_Suppressed_With_A_Pattern_Cdk_Nag_Can_Match()
    {
        var policy = f.Synth.IdsOf("AWS::IAM::Policy").Single(id => id.StartsWith("AppNodeRoleDefaultPolicy", StringComparison.Ordinal));
        var patterns = f.Synth.AllResources[policy]!["Metadata"]!["cdk_nag"]!["rules_to_suppress"]!.AsArray()
            .SelectMany(r => r!["applies_to"]?.AsArray() ?? [])
            .OfType<System.Text.Json.Nodes.JsonObject>()
            .Select(a => (string?)a["regex"])
            .OfType<string>();
        Assert.Equal([@"/^Resource::arn:<AWS::Partition>:s3:::[^\/]+\/\*$/"], patterns);
    }

    [Fact]
    public void Secrets_Read_Only_Through_An_Import_Get_No_Read_Deny_Policy()
    {
        var shared = (Amazon.CDK.Stack)f.Nodes.Node.Scope!.Node.FindChild("Shared");
        var template = Amazon.CDK.Assertions.Template.FromStack(shared);
        template.ResourceCountIs("AWS::SecretsManager::Secret", 2);
        template.ResourceCountIs("AWS::SecretsManager::ResourcePolicy", 0);

        // The app tier's own encryption password lives in "Nodes" with the node role: that one is restricted.
        var policy = f.Synth.IdsOf("AWS::SecretsManager::ResourcePolicy").Single();
        var secret = (string)f.Synth.AllResources[policy]!["Properties"]!["SecretId"]!["Ref"]!;
        Assert.Contains("EncryptionPassword", secret, StringComparison.Ordinal);
    }
}

/// <summary>The imports' checks: no synth, so no class fixture.</summary>
public sealed class TierImportAttributeTests
{
    [Fact]
    public void Fails_When_A_Network_Names_No_Vpc_NET_1()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => TfeNetwork.FromNetworkAttributes(stack, "Network", new TfeNetworkAttributes()));
        Assert.Equal("NET-1", error.RuleId);
    }

    [Fact]
    public void Fails_When_A_Network_By_Id_Has_No_Zones_Or_Node_Subnets_NET_1()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => TfeNetwork.FromNetworkAttributes(stack, "Network", new TfeNetworkAttributes { VpcId = "vpc-1" }));
        Assert.Equal(["AvailabilityZones", "PrivateSubnetIds"], error.Violations.Select(v => v.PropertyName));
        Assert.All(error.Violations, v => Assert.Equal("NET-1", v.RuleId));
    }

    [Fact]
    public void Fails_When_Subnets_Do_Not_Match_The_Zones_NET_1()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => TfeNetwork.FromNetworkAttributes(stack, "Network", new TfeNetworkAttributes
        {
            VpcId = "vpc-1",
            AvailabilityZones = ["us-east-1a", "us-east-1b"],
            PrivateSubnetIds = ["subnet-1", "subnet-2", "subnet-3"],
        }));
        Assert.Equal("NET-1", error.RuleId);
    }

    [Fact]
    public void Fails_When_Vpc_Comes_With_Subnet_Ids_NET_1()
    {
        var stack = TestApp.NewStack();
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes { VpcId = "vpc-1", AvailabilityZones = ["us-east-1a"] });
        var error = Assert.Throws<TfeValidationException>(() => TfeNetwork.FromNetworkAttributes(stack, "Network", new TfeNetworkAttributes
        {
            Vpc = vpc,
            PrivateSubnetIds = ["subnet-1"],
        }));
        Assert.Equal("NET-1", error.RuleId);
    }

    [Fact]
    public void Network_By_Id_Reads_Its_Subnets_By_Tier_And_Throws_For_An_Unsupplied_Cidr()
    {
        var stack = TestApp.NewStack();
        var network = TfeNetwork.FromNetworkAttributes(stack, "Network", new TfeNetworkAttributes
        {
            VpcId = "vpc-1",
            AvailabilityZones = ["us-east-1a", "us-east-1b"],
            PrivateSubnetIds = ["subnet-p1", "subnet-p2"],
            DataSubnetIds = ["subnet-d1", "subnet-d2"],
        });
        Assert.Equal(["subnet-p1", "subnet-p2"], network.Vpc.SelectSubnets(network.PrivateSubnets).SubnetIds);
        Assert.Equal(["subnet-d1", "subnet-d2"], network.Vpc.SelectSubnets(network.DataSubnets).SubnetIds);
        var error = Assert.Throws<InvalidOperationException>(() => network.VpcCidrBlock);
        Assert.Contains("VpcCidrBlock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Network_From_A_Vpc_Keeps_Data_In_Its_Isolated_Subnets()
    {
        var stack = TestApp.NewStack();
        var owned = new TfeNetwork(stack, "Owned");
        var network = TfeNetwork.FromNetworkAttributes(stack, "Network", new TfeNetworkAttributes { Vpc = owned.Vpc });
        Assert.Equal(owned.Vpc.SelectSubnets(owned.DataSubnets).SubnetIds, network.Vpc.SelectSubnets(network.DataSubnets).SubnetIds);
    }

    [Fact]
    public void Fails_When_A_Data_Tier_Lacks_Its_Endpoint_Or_Secret_DB_4()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => TfeDataTier.FromDataTierAttributes(stack, "Data", DataAttributes() with
        {
            DatabaseEndpointAddress = "",
            DatabaseSecretArn = null,
        }));
        Assert.Equal(["DatabaseEndpointAddress", "DatabaseSecretArn/DatabaseSecretName"], error.Violations.Select(v => v.PropertyName));
        Assert.Equal(["DB-4"], error.RuleIds);
    }

    [Fact]
    public void Fails_When_A_Data_Tier_Names_Its_Secret_Twice_DB_4()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => TfeDataTier.FromDataTierAttributes(stack, "Data", DataAttributes() with
        {
            DatabaseSecretName = "tfe/database",
        }));
        Assert.Equal(("DB-4", "DatabaseSecretName"), (error.RuleId, error.PropertyName));
    }

    [Fact]
    public void Imported_Data_Tier_Throws_For_An_Unsupplied_Access_Logs_Bucket()
    {
        var stack = TestApp.NewStack();
        var data = TfeDataTier.FromDataTierAttributes(stack, "Data", DataAttributes());
        Assert.Equal("5432", data.DatabasePort);
        Assert.Equal("tfe", data.DatabaseName);
        var error = Assert.Throws<InvalidOperationException>(() => data.AccessLogsBucket);
        Assert.Contains("AccessLogsBucketName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_When_A_Cache_Lacks_Its_Token_Or_Security_Group_REDIS_7()
    {
        var stack = TestApp.NewStack();
        var error = Assert.Throws<TfeValidationException>(() => TfeRedis.FromRedisAttributes(stack, "Redis", new TfeRedisAttributes
        {
            EndpointAddress = "master.tfe.cache.amazonaws.com",
            SecurityGroupId = " ",
        }));
        Assert.Equal(["AuthTokenSecretArn/AuthTokenSecretName", "SecurityGroupId"], error.Violations.Select(v => v.PropertyName));
        Assert.Equal(["REDIS-7"], error.RuleIds);
    }

    [Fact]
    public void Dashboard_False_Defines_No_Dashboard()
    {
        var stack = TestApp.NewStack();
        var tfe = new TfeStandalone(stack, "Tfe", new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            Dashboard = false,
        });
        Assert.Null(tfe.Dashboard);
        Assert.Null(tfe.Node.TryFindChild("Dashboard"));
    }

    private static TfeDataTierAttributes DataAttributes() => new()
    {
        DatabaseEndpointAddress = "tfe.abc.us-east-1.rds.amazonaws.com",
        DatabaseSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tfe/database-AbCdEf",
        BucketName = "tfe-bucket",
        KeyArn = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000",
        SecurityGroupId = "sg-1",
    };
}
