using Amazon.CDK;
using Amazon.CDK.Assertions;
using Tfe.Cdk.Constructs;
using Annotations = Amazon.CDK.Assertions.Annotations;

namespace Tfe.Cdk.Tests.Redis;

using Props = Dictionary<string, object>;

public sealed class TfeRedisTests(RedisFixture f) : IClassFixture<RedisFixture>
{
    private const string ReplicationGroup = "AWS::ElastiCache::ReplicationGroup";

    [Fact]
    [Trait("Rule", "REDIS-1")]
    public void Is_An_ElastiCache_Redis_Replication_Group_REDIS_1()
    {
        f.Template.ResourceCountIs(ReplicationGroup, 1);
        f.Template.HasResourceProperties(ReplicationGroup, new Props { ["Engine"] = "redis" });
    }

    [Fact]
    [Trait("Rule", "REDIS-2")]
    public void Has_One_Node_Group_And_No_Cluster_Mode_REDIS_2()
    {
        f.Template.HasResourceProperties(ReplicationGroup, new Props
        {
            ["NumNodeGroups"] = Match.Absent(),
            ["NodeGroupConfiguration"] = Match.Absent(),
            ["ReplicasPerNodeGroup"] = Match.Absent(),
            ["ClusterMode"] = Match.Absent(),
            ["CacheParameterGroupName"] = "default.redis7",
        });
    }

    [Fact]
    [Trait("Rule", "REDIS-3")]
    public void Has_A_Node_In_Each_Of_Three_Azs_With_Multi_Az_And_Automatic_Failover_REDIS_3()
    {
        f.Template.HasResourceProperties(ReplicationGroup, new Props
        {
            ["NumCacheClusters"] = 3,
            ["PreferredCacheClusterAZs"] = new[] { "us-east-1a", "us-east-1b", "us-east-1c" },
            ["AutomaticFailoverEnabled"] = true,
            ["MultiAZEnabled"] = true,
        });
        Assert.Equal(3, f.Redis.NodeCount);
    }

    [Fact]
    [Trait("Rule", "REDIS-4")]
    public void Has_No_Custom_Parameter_Group_So_No_Append_Only_File_REDIS_4()
    {
        f.Template.ResourceCountIs("AWS::ElastiCache::ParameterGroup", 0);
    }

    [Fact]
    [Trait("Rule", "REDIS-6")]
    public void Uses_Cache_M5_Large_By_Default_REDIS_6()
    {
        f.Template.HasResourceProperties(ReplicationGroup, new Props { ["CacheNodeType"] = "cache.m5.large" });
    }

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Subnet_Group_Uses_The_Isolated_Data_Subnets_REDIS_7()
    {
        var dataSubnet = Match.ObjectLike(new Props { ["Ref"] = Match.StringLikeRegexp("NetworkVpcDataSubnet") });
        f.Template.HasResourceProperties("AWS::ElastiCache::SubnetGroup", new Props
        {
            ["SubnetIds"] = new object[] { dataSubnet, dataSubnet, dataSubnet },
        });
    }

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Security_Group_Has_No_Ingress_Until_Allowed_And_No_Open_Egress_REDIS_7()
    {
        f.Template.ResourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
        f.Template.HasResourceProperties("AWS::EC2::SecurityGroup", new Props
        {
            ["GroupDescription"] = Match.StringLikeRegexp("memory cache"),
            ["SecurityGroupIngress"] = Match.Absent(),
            ["SecurityGroupEgress"] = Match.ArrayWith([Match.ObjectLike(new Props { ["CidrIp"] = "255.255.255.255/32" })]),
        });
        Assert.Equal(6379, f.Redis.Port);
    }

    [Fact]
    [Trait("Rule", "REDIS-8")]
    public void Pins_Redis_7_1_By_Default_Without_A_Warning_REDIS_8()
    {
        f.Template.HasResourceProperties(ReplicationGroup, new Props
        {
            ["EngineVersion"] = "7.1",
            ["CacheParameterGroupName"] = "default.redis7",
            ["AutoMinorVersionUpgrade"] = false,
        });
        Assert.Same(TfeRedisVersion.V7_1, f.Redis.EngineVersion);
        Annotations.FromStack(f.Stack).HasNoWarning("*", Match.AnyValue());
    }

    [Fact]
    [Trait("Rule", "REDIS-9")]
    public void Is_Destroyed_Not_Snapshotted_While_Secret_And_Key_Are_Retained_REDIS_9()
    {
        f.Template.HasResource(ReplicationGroup, new Props
        {
            ["DeletionPolicy"] = "Delete",
            ["Properties"] = Match.ObjectLike(new Props
            {
                ["SnapshotRetentionLimit"] = 0,
                ["SnapshotName"] = Match.Absent(),
                ["SnapshotArns"] = Match.Absent(),
            }),
        });
        f.Template.HasResource("AWS::SecretsManager::Secret", new Props { ["DeletionPolicy"] = "Retain" });
        f.Template.HasResource("AWS::KMS::Key", new Props { ["DeletionPolicy"] = "Retain" });
    }

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Encrypts_In_Transit_And_At_Rest_With_The_Rotating_Kms_Key_REDIS_7()
    {
        f.Template.HasResourceProperties(ReplicationGroup, new Props
        {
            ["TransitEncryptionEnabled"] = true,
            ["AtRestEncryptionEnabled"] = true,
            ["KmsKeyId"] = Match.ObjectLike(new Props { ["Fn::GetAtt"] = Match.ArrayWith([Match.StringLikeRegexp("RedisKey"), "Arn"]) }),
        });
        f.Template.HasResourceProperties("AWS::KMS::Key", new Props { ["EnableKeyRotation"] = true });
    }

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Auth_Token_Is_A_Secrets_Manager_Dynamic_Reference_REDIS_7()
    {
        f.Template.HasResourceProperties(ReplicationGroup, new Props
        {
            ["AuthToken"] = Match.ObjectLike(new Props
            {
                ["Fn::Join"] = Match.ArrayWith([Match.ArrayWith(["{{resolve:secretsmanager:"])]),
            }),
        });
        f.Template.HasResourceProperties("AWS::SecretsManager::Secret", new Props
        {
            ["GenerateSecretString"] = Match.ObjectLike(new Props { ["PasswordLength"] = 64, ["ExcludePunctuation"] = true }),
            ["KmsKeyId"] = Match.AnyValue(),
        });
    }

    [Fact]
    public void Node_Role_Can_Read_And_Decrypt_The_Auth_Token()
    {
        f.Template.HasResourceProperties("AWS::IAM::Policy", new Props
        {
            ["PolicyDocument"] = Match.ObjectLike(new Props
            {
                ["Statement"] = Match.ArrayWith(
                [
                    Match.ObjectLike(new Props { ["Action"] = Match.ArrayWith(["secretsmanager:GetSecretValue"]) }),
                ]),
            }),
        });
        f.Template.HasResourceProperties("AWS::KMS::Key", new Props
        {
            ["KeyPolicy"] = Match.ObjectLike(new Props
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Props { ["Action"] = "kms:Decrypt" })]),
            }),
        });
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Defines_Five_Alarms_Over_All_Nodes_OPS_2()
    {
        f.Template.ResourceCountIs("AWS::CloudWatch::Alarm", 5);
        Assert.Equal(5, f.Redis.Alarms.Count);
        f.Template.HasResourceProperties("AWS::CloudWatch::Alarm", new Props
        {
            ["Metrics"] = Match.ArrayWith([Match.ObjectLike(new Props { ["Expression"] = "MAX([n1, n2, n3])" })]),
            ["Threshold"] = 90,
        });
        f.Template.HasResourceProperties("AWS::CloudWatch::Alarm", new Props
        {
            ["Metrics"] = Match.ArrayWith([Match.ObjectLike(new Props { ["Expression"] = "MAX([FILL(n1, 0), FILL(n2, 0), FILL(n3, 0)])" })]),
        });
    }

    [Fact]
    public void Suppresses_Aec5_On_The_Default_Port_And_Smg4_On_The_Auth_Token()
    {
        f.Template.HasResource(ReplicationGroup, new Props
        {
            ["Metadata"] = Match.ObjectLike(new Props
            {
                ["cdk_nag"] = new Props
                {
                    ["rules_to_suppress"] = new object[]
                    {
                        Match.ObjectLike(new Props { ["id"] = "AwsSolutions-AEC5" }),
                        Match.ObjectLike(new Props { ["id"] = "NIST.800.53.R5-ElastiCacheRedisClusterAutomaticBackup" }),
                        Match.ObjectLike(new Props { ["id"] = "HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup" }),
                    },
                },
            }),
        });
        f.Template.HasResource("AWS::SecretsManager::Secret", new Props
        {
            ["Metadata"] = Match.ObjectLike(new Props
            {
                ["cdk_nag"] = new Props
                {
                    ["rules_to_suppress"] = new object[]
                    {
                        Match.ObjectLike(new Props { ["id"] = "AwsSolutions-SMG4" }),
                        Match.ObjectLike(new Props { ["id"] = "NIST.800.53.R5-SecretsManagerRotationEnabled" }),
                        Match.ObjectLike(new Props { ["id"] = "HIPAA.Security-SecretsManagerRotationEnabled" }),
                    },
                },
            }),
        });
    }
}
