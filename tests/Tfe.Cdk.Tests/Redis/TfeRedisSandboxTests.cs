using Amazon.CDK.Assertions;

namespace Tfe.Cdk.Tests.Redis;

using Props = Dictionary<string, object>;

public sealed class TfeRedisSandboxTests(RedisSandboxFixture f) : IClassFixture<RedisSandboxFixture>
{
    private const string ReplicationGroup = "AWS::ElastiCache::ReplicationGroup";

    [Fact]
    [Trait("Rule", "REDIS-3")]
    public void Sandbox_Has_One_Node_Without_Failover_And_Warns_REDIS_3()
    {
        f.Template.HasResourceProperties(ReplicationGroup, new Props
        {
            ["NumCacheClusters"] = 1,
            ["AutomaticFailoverEnabled"] = false,
            ["MultiAZEnabled"] = false,
        });
        Assert.Equal(1, f.Redis.NodeCount);
        Annotations.FromStack(f.Stack).HasWarning("*", Match.StringLikeRegexp("singleNodeCache"));
    }

    [Fact]
    public void Sandbox_Suppresses_Aec4_And_A_Non_Default_Port_Keeps_Aec5()
    {
        f.Template.HasResource(ReplicationGroup, new Props
        {
            ["Metadata"] = Match.ObjectLike(new Props
            {
                ["cdk_nag"] = new Props
                {
                    // AEC4, then REDIS-9's backup suppressions; no AEC5 (the port is not the default).
                    ["rules_to_suppress"] = new object[]
                    {
                        Match.ObjectLike(new Props { ["id"] = "AwsSolutions-AEC4" }),
                        Match.ObjectLike(new Props { ["id"] = "NIST.800.53.R5-ElastiCacheRedisClusterAutomaticBackup" }),
                        Match.ObjectLike(new Props { ["id"] = "HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup" }),
                    },
                },
            }),
        });
    }

    [Fact]
    [Trait("Rule", "REDIS-6")]
    public void Burstable_Node_Type_Warns_REDIS_6()
    {
        Annotations.FromStack(f.Stack).HasWarning("*", Match.StringLikeRegexp("burstableCache"));
    }

    [Fact]
    [Trait("Rule", "REDIS-8")]
    public void The_Reference_Version_Is_Used_With_Its_Family_Pinned_And_Warns_REDIS_8()
    {
        f.Template.HasResourceProperties(ReplicationGroup, new Props
        {
            ["EngineVersion"] = "5.0.6",
            ["CacheParameterGroupName"] = "default.redis5.0",
            ["AutoMinorVersionUpgrade"] = false,
        });
        var annotations = Annotations.FromStack(f.Stack);
        annotations.HasWarning("*", Match.StringLikeRegexp("@tfe/cdk:redisExtendedSupport"));
        annotations.HasWarning("*", Match.StringLikeRegexp("Extended Support .* until 2029-01-31"));
    }

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Allowing_The_Nodes_Adds_Exactly_One_Ingress_On_The_Port_From_Their_Group_REDIS_7()
    {
        f.Template.ResourceCountIs("AWS::EC2::SecurityGroupIngress", 1);
        f.Template.HasResourceProperties("AWS::EC2::SecurityGroupIngress", new Props
        {
            ["IpProtocol"] = "tcp",
            ["FromPort"] = 6380,
            ["ToPort"] = 6380,
            ["SourceSecurityGroupId"] = Match.ObjectLike(new Props { ["Fn::GetAtt"] = Match.ArrayWith([Match.StringLikeRegexp("^Nodes")]) }),
        });
        f.Template.HasResourceProperties(ReplicationGroup, new Props { ["Port"] = 6380 });
        Assert.Equal(6380, f.Redis.Port);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Sandbox_Has_Four_Alarms_On_The_Single_Node_Sent_To_The_Topic_OPS_2()
    {
        f.Template.ResourceCountIs("AWS::CloudWatch::Alarm", 4);
        f.Template.HasResourceProperties("AWS::CloudWatch::Alarm", new Props
        {
            ["MetricName"] = "EngineCPUUtilization",
            ["Namespace"] = "AWS/ElastiCache",
            ["Dimensions"] = new object[]
            {
                new Props
                {
                    ["Name"] = "CacheClusterId",
                    ["Value"] = Match.ObjectLike(new Props { ["Fn::Join"] = Match.ArrayWith([Match.ArrayWith(["-001"])]) }),
                },
            },
            ["AlarmActions"] = Match.ArrayWith([Match.ObjectLike(new Props { ["Ref"] = Match.StringLikeRegexp("^Alarms") })]),
        });
    }
}
