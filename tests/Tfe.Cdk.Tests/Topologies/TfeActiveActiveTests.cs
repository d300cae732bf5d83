using Amazon.CDK.Assertions;
using Props = System.Collections.Generic.Dictionary<string, object>;
using static Tfe.Cdk.Tests.Compliance.SecretPolicyAssertions;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>The Active/Active sample (3 nodes over 3 AZs), one synth for the class.</summary>
public sealed class TfeActiveActiveTests(ActiveActiveSampleFixture f) : IClassFixture<ActiveActiveSampleFixture>
{
    private const string Asg = "AWS::AutoScaling::AutoScalingGroup";
    private readonly SynthesizedTemplate t = f.Synth;

    [Fact]
    public void Kms_CreateGrant_Is_Only_For_Aws_Resources_And_Via_Services_Use_The_Url_Suffix()
    {
        // The data key (the topology gives it to Redis too): CDK's Secret lets Secrets Manager create grants on it for the account.
        var grants = PolicyStatements.CreateGrants(t).ToList();
        Assert.Equal(["TfeDataKey57EA99E3"], grants.Select(g => g.Resource).Distinct());
        Assert.All(grants, g => Assert.Equal("true", (string?)g.Statement["Condition"]?["Bool"]?["kms:GrantIsForAWSResource"]));
        Assert.DoesNotContain(".us-east-1.amazonaws.com\u0022", t.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(".us-east-1.amazonaws.com\"", t.Text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "MODE-2")]
    [Trait("Rule", "REDIS-1")]
    public void Runs_Active_Active_On_External_Services_With_A_Shared_Redis_MODE_2_REDIS_1()
    {
        var userData = t.UserData();
        Assert.Contains("TFE_OPERATIONAL_MODE=active-active\n", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_DATABASE_HOST=${GetAtt:TfeDataDatabase", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_OBJECT_STORAGE_TYPE=s3\n", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_REDIS_HOST=${GetAtt:TfeRedisReplicationGroup", userData, StringComparison.Ordinal);
        // The sample signs in to the cache with the node role (Authentication = Iam): ActiveActiveAuthTokenTests has the token's settings.
        Assert.Contains(":6379\nTFE_REDIS_USE_TLS=true\nTFE_REDIS_USER=tfe-redis-", userData, StringComparison.Ordinal);
        t.Template.ResourceCountIs("AWS::ElastiCache::ReplicationGroup", 1);
    }

    [Fact]
    [Trait("Rule", "MODE-3")]
    public void Nodes_Are_Independent_Vault_Cluster_Peers_MODE_3()
    {
        var userData = t.UserData();
        Assert.Contains("readonly VAULT_CLUSTER=true\n", userData, StringComparison.Ordinal);
        Assert.Contains("readonly VAULT_CLUSTER_PORT=8201\n", userData, StringComparison.Ordinal);
        Assert.Contains("printf 'TFE_VAULT_CLUSTER_ADDRESS=https://%s:%s\\n' \"$private_ip\" \"$VAULT_CLUSTER_PORT\"", t.NodeFile("tfe-secrets.sh"), StringComparison.Ordinal);
        Assert.Contains("--publish \"$VAULT_CLUSTER_PORT:$VAULT_CLUSTER_PORT\"", t.NodeFile("tfe-docker.sh"), StringComparison.Ordinal);
        var nodeSg = t.IdsOf("AWS::EC2::SecurityGroup").Single(id => id.Contains("NodeSecurityGroup", StringComparison.Ordinal));
        t.Template.HasResourceProperties("AWS::EC2::SecurityGroupIngress", new Props
        {
            ["FromPort"] = 8201,
            ["GroupId"] = new Props { ["Fn::GetAtt"] = new object[] { nodeSg, "GroupId" } },
            ["SourceSecurityGroupId"] = new Props { ["Fn::GetAtt"] = new object[] { nodeSg, "GroupId" } },
        });
    }

    [Fact]
    [Trait("Rule", "MODE-4")]
    public void Group_Is_Pinned_Min_Equals_Max_With_No_Scaling_Policy_MODE_4()
    {
        t.Template.HasResourceProperties(Asg, new Props { ["MinSize"] = "3", ["MaxSize"] = "3", ["DesiredCapacity"] = Match.Absent() });
        t.Template.ResourceCountIs("AWS::AutoScaling::ScalingPolicy", 0);
        t.Template.ResourceCountIs("AWS::AutoScaling::ScheduledAction", 0);
        t.Template.ResourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 0);
    }

    [Fact]
    [Trait("Rule", "MODE-5")]
    public void Nodes_Spread_Over_Three_Availability_Zones_MODE_5()
    {
        var zones = t.AllResources[t.IdsOf(Asg).Single()]!["Properties"]!["VPCZoneIdentifier"]!.AsArray();
        Assert.Equal(3, zones.Count);
        Assert.All(zones, z => Assert.Contains("PrivateSubnet", z!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "REDIS-3")]
    public void A_Cache_Node_In_Every_Az_That_Has_A_Tfe_Node_REDIS_3() =>
        t.Template.HasResourceProperties("AWS::ElastiCache::ReplicationGroup", new Props
        {
            ["NumCacheClusters"] = 3,
            ["MultiAZEnabled"] = true,
            ["AutomaticFailoverEnabled"] = true,
            ["PreferredCacheClusterAZs"] = new object[] { "us-east-1a", "us-east-1b", "us-east-1c" },
        });

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Redis_Admits_Only_The_Tfe_Nodes_On_Its_Port_REDIS_7()
    {
        var nodeSg = t.IdsOf("AWS::EC2::SecurityGroup").Single(id => id.Contains("NodeSecurityGroup", StringComparison.Ordinal));
        var redisSg = t.IdsOf("AWS::EC2::SecurityGroup").Single(id => id.Contains("Redis", StringComparison.Ordinal));
        t.Template.HasResourceProperties("AWS::EC2::SecurityGroupIngress", new Props
        {
            ["GroupId"] = new Props { ["Fn::GetAtt"] = new object[] { redisSg, "GroupId" } },
            ["FromPort"] = 6379,
            ["ToPort"] = 6379,
            ["SourceSecurityGroupId"] = new Props { ["Fn::GetAtt"] = new object[] { nodeSg, "GroupId" } },
        });
        var ingressToRedis = t.IdsOf("AWS::EC2::SecurityGroupIngress")
            .Count(id => t.AllResources[id]!["Properties"]!["GroupId"]!.ToJsonString().Contains(redisSg, StringComparison.Ordinal));
        Assert.Equal(1, ingressToRedis);
    }

    [Fact]
    [Trait("Rule", "OPS-1")]
    public void Sessions_Stick_To_A_Node_For_Saml_Otherwise_Round_Robin_OPS_1() =>
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", new Props
        {
            ["TargetGroupAttributes"] = Match.ArrayWith(
            [
                Match.ObjectLike(new Props { ["Key"] = "stickiness.enabled", ["Value"] = "true" }),
                Match.ObjectLike(new Props { ["Key"] = "stickiness.type", ["Value"] = "lb_cookie" }),
            ]),
        });

    [Fact]
    [Trait("Rule", "OPS-3")]
    public void A_Leaving_Node_Is_Held_By_A_Termination_Hook_While_It_Drains_OPS_3()
    {
        t.Template.HasResourceProperties("AWS::AutoScaling::LifecycleHook", new Props
        {
            ["LifecycleHookName"] = "tfe-drain",
            ["LifecycleTransition"] = "autoscaling:EC2_INSTANCE_TERMINATING",
            ["HeartbeatTimeout"] = 1800,
            ["DefaultResult"] = "CONTINUE",
        });
        var userData = t.UserData();
        Assert.Contains("readonly DRAIN_HOOK_NAME='tfe-drain'\nreadonly DRAIN_TIMEOUT_SECONDS=1740\n", userData, StringComparison.Ordinal);
        var watcher = t.NodeFile("tfe-drain-watch.sh");
        Assert.Contains("autoscaling/target-lifecycle-state)\" = \"Terminated\"", watcher, StringComparison.Ordinal);
        Assert.Contains("timeout \"$DRAIN_TIMEOUT_SECONDS\" docker exec \"$CONTAINER_NAME\" tfectl node drain", watcher, StringComparison.Ordinal);
        Assert.Contains("--lifecycle-hook-name \"$DRAIN_HOOK_NAME\"", watcher, StringComparison.Ordinal);
        Assert.Contains("--lifecycle-action-result CONTINUE", watcher, StringComparison.Ordinal);
        // The node drains itself: the sample's only function is the passwordless database's user creator, not a drainer.
        Assert.All(t.IdsOf("AWS::Lambda::Function"), id => Assert.Contains("DatabaseUserFunction", id, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "OPS-3")]
    public void Drain_Permission_Is_Scoped_To_This_Group_By_Tag_OPS_3()
    {
        t.Template.HasResourceProperties("AWS::IAM::Policy", new Props
        {
            ["PolicyDocument"] = Match.ObjectLike(new Props
            {
                ["Statement"] = Match.ArrayWith(
                [
                    Match.ObjectLike(new Props
                    {
                        ["Action"] = "autoscaling:CompleteLifecycleAction",
                        ["Condition"] = new Props
                        {
                            ["StringEquals"] = new Props { ["autoscaling:ResourceTag/tfe:drain-group"] = Match.AnyValue() },
                        },
                    }),
                ]),
            }),
        });
        t.Template.HasResourceProperties(Asg, new Props
        {
            ["Tags"] = Match.ArrayWith([Match.ObjectLike(new Props { ["Key"] = "tfe:drain-group" })]),
        });
        t.Template.HasResourceProperties("AWS::EC2::LaunchTemplate", new Props
        {
            ["LaunchTemplateData"] = Match.ObjectLike(new Props
            {
                ["MetadataOptions"] = Match.ObjectLike(new Props { ["InstanceMetadataTags"] = "enabled" }),
            }),
        });
    }

    /// <summary>
    /// A launch template change replaces every node at once (never two releases side by side), each new node signalling
    /// health, and every node passes the boot gate after pulling the image and before starting TFE (docs/node-lifecycle.md).
    /// </summary>
    [Fact]
    [Trait("Rule", "OPS-4")]
    public void Upgrades_Replace_The_Whole_Group_Behind_The_Boot_Gate_OPS_4()
    {
        t.Template.HasResource(Asg, new Props
        {
            ["UpdatePolicy"] = Match.ObjectLike(new Props
            {
                ["AutoScalingRollingUpdate"] = Match.ObjectLike(new Props
                {
                    ["MaxBatchSize"] = 3,
                    ["MinInstancesInService"] = 0,
                    ["WaitOnResourceSignals"] = true,
                    ["PauseTime"] = "PT1H",
                }),
            }),
            ["CreationPolicy"] = new Props { ["ResourceSignal"] = new Props { ["Count"] = 3, ["Timeout"] = "PT1H" } },
        });
        t.Template.HasResourceProperties(Asg, new Props { ["HealthCheckGracePeriod"] = 3600 });
        var userData = t.UserData();
        Assert.Contains("readonly BOOT_DEADLINE_SECONDS=3300\n", userData, StringComparison.Ordinal);
        var boot = t.NodeFile("tfe-boot.sh");
        var gate = boot.IndexOf("\nboot_gate\n", StringComparison.Ordinal);
        Assert.True(gate > boot.IndexOf("\npull_image\n", StringComparison.Ordinal) && gate < boot.IndexOf("\nrun_tfe\n", StringComparison.Ordinal));
        Assert.True(boot.IndexOf("\nwait_for_health\n", StringComparison.Ordinal) < boot.LastIndexOf("signal 0", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "OPS-4")]
    public void Boot_Gate_Reads_The_Group_And_Probes_Peers_On_443_OPS_4()
    {
        t.Template.HasResourceProperties("AWS::IAM::Policy", new Props
        {
            ["PolicyDocument"] = Match.ObjectLike(new Props
            {
                ["Statement"] = Match.ArrayWith(
                [
                    new Props
                    {
                        ["Action"] = new[] { "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeInstanceRefreshes", "ec2:DescribeInstances" },
                        ["Effect"] = "Allow",
                        ["Resource"] = "*",
                    },
                ]),
            }),
        });
        var nodeSg = t.IdsOf("AWS::EC2::SecurityGroup").Single(id => id.Contains("NodeSecurityGroup", StringComparison.Ordinal));
        t.Template.HasResourceProperties("AWS::EC2::SecurityGroupIngress", new Props
        {
            ["FromPort"] = 443,
            ["ToPort"] = 443,
            ["GroupId"] = new Props { ["Fn::GetAtt"] = new object[] { nodeSg, "GroupId" } },
            ["SourceSecurityGroupId"] = new Props { ["Fn::GetAtt"] = new object[] { nodeSg, "GroupId" } },
        });
        t.Template.HasOutput("*", new Props { ["Value"] = "sudo docker exec terraform-enterprise tfectl admin token" });
    }

    [Fact]
    [Trait("Rule", "OPS-5")]
    public void Operators_Reach_Nodes_By_Session_Manager_And_Get_The_Cli_Commands_OPS_5()
    {
        // Session Manager through the node role's scoped statement (not AmazonSSMManagedInstanceCore, issue 18).
        t.Template.HasResourceProperties("AWS::IAM::Policy", new Props
        {
            ["PolicyDocument"] = Match.ObjectLike(new Props
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Props
                {
                    ["Sid"] = "SessionManagerAgent",
                    ["Action"] = Match.ArrayWith(["ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:OpenDataChannel"]),
                })]),
            }),
        });
        t.Template.HasOutput("*", new Props { ["Value"] = "sudo docker exec terraform-enterprise tfectl node drain" });
        t.Template.HasOutput("*", new Props { ["Value"] = "sudo docker exec terraform-enterprise tfectl support bundle" });
        t.Template.HasOutput("*", new Props { ["Value"] = Match.ObjectLike(new Props { ["Fn::Join"] = Match.ArrayWith([Match.ArrayWith(["aws ssm start-session --region us-east-1 --target $(aws autoscaling describe-auto-scaling-groups --region us-east-1 --auto-scaling-group-names "])]) }) });
        Assert.DoesNotMatch("\"FromPort\":22[,}]", t.Text);
    }

    [Fact]
    public void No_Secret_Value_Is_In_The_Template_Only_Dynamic_References_Cloudformation_Resolves()
    {
        var userData = t.UserData();
        Assert.DoesNotContain("{{resolve:", userData, StringComparison.Ordinal);
        // RDS's master password alone: with IAM authentication the cache has no AuthToken (ActiveActiveAuthTokenTests has the token's).
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(t.Text, "resolve:secretsmanager"));
        t.Template.HasResourceProperties("AWS::ElastiCache::ReplicationGroup", new Props { ["AuthToken"] = Match.Absent() });
    }

    [Fact]
    [Trait("Rule", "REDIS-8")]
    public void Defaults_To_Redis_7_1_In_The_Redis7_Family_With_No_Warning_REDIS_8()
    {
        t.Template.HasResourceProperties("AWS::ElastiCache::ReplicationGroup", new Props
        {
            ["EngineVersion"] = "7.1",
            ["CacheParameterGroupName"] = "default.redis7",
            ["AutoMinorVersionUpgrade"] = false,
        });
        Amazon.CDK.Assertions.Annotations.FromStack(t.Stack).HasNoWarning("*", Match.AnyValue());
    }

    [Fact]
    public void Sample_Template_Matches_Its_Reviewed_Snapshot() => SnapshotAssert.Matches("ActiveActiveApp", t.Json);

    [Fact]
    public void Redis_Auth_Token_Is_Kept_With_Iam_Authentication_But_No_Node_Reads_It()
    {
        // The secret stays (retained: a switch never deletes it) but has no reader, so it gets no reader policy (SecretReadPolicy).
        var token = Assert.Single(f.Synth.IdsOf("AWS::SecretsManager::Secret"), id => id.Contains("RedisAuthToken", StringComparison.Ordinal));
        Assert.Equal("Retain", (string?)f.Synth.AllResources[token]!["DeletionPolicy"]);
        var policies = ResourcePolicies(f.Synth);
        Assert.Equal(2, policies.Count);
        Assert.DoesNotContain(policies, p => Ref(p["SecretId"])!.Contains("RedisAuthToken", StringComparison.Ordinal));
        Assert.DoesNotContain(NodePolicyStatements(f.Synth), s => s.ToJsonString().Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain("\nTFE_REDIS_PASSWORD ", t.UserData(), StringComparison.Ordinal);
    }
}

/// <summary>The sample's passwordless cache (<see cref="Tfe.Cdk.Constructs.TfeRedisAuthentication.Iam"/>), on the same synth.</summary>
public sealed class TfeActiveActivePasswordlessCacheTests(ActiveActiveSampleFixture f) : IClassFixture<ActiveActiveSampleFixture>
{
    private readonly SynthesizedTemplate t = f.Synth;

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Cache_Has_An_Iam_User_A_Disabled_Default_User_And_A_User_Group_Instead_Of_An_Auth_Token_REDIS_7()
    {
        var users = t.IdsOf("AWS::ElastiCache::User").Select(id => t.AllResources[id]!["Properties"]!.AsObject()).ToList();
        Assert.Equal(2, users.Count);
        var iam = users.Single(u => (string?)u["AuthenticationMode"]!["Type"] == "iam");
        Assert.Equal((string?)iam["UserId"], (string?)iam["UserName"]);
        Assert.Matches("^tfe-redis-[0-9a-f]{12}-iam$", (string?)iam["UserName"]);
        Assert.Equal("on ~* &* +@all", (string?)iam["AccessString"]);
        var disabled = users.Single(u => (string?)u["UserName"] == "default");
        Assert.NotEqual("default", (string?)disabled["UserId"]);
        Assert.Equal("off ~* -@all", (string?)disabled["AccessString"]);

        var groupId = Assert.Single(t.IdsOf("AWS::ElastiCache::UserGroup"));
        var group = t.AllResources[groupId]!;
        Assert.Equal([(string?)iam["UserId"], (string?)disabled["UserId"]], group["Properties"]!["UserIds"]!.AsArray().Select(u => (string?)u));
        var replicationGroup = t.AllResources[t.IdsOf("AWS::ElastiCache::ReplicationGroup").Single()]!;
        Assert.Equal((string?)group["Properties"]!["UserGroupId"], (string?)replicationGroup["Properties"]!["UserGroupIds"]![0]);
        Assert.Contains(groupId, replicationGroup["DependsOn"]!.AsArray().Select(d => (string?)d));
        Assert.Null(replicationGroup["Properties"]!["AuthToken"]);
        Assert.True((bool)replicationGroup["Properties"]!["TransitEncryptionEnabled"]!);
        Assert.Equal("7.1", (string?)replicationGroup["Properties"]!["EngineVersion"]);
    }

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Node_Role_May_Connect_To_Its_Replication_Group_As_Its_Iam_User_And_Nothing_Else_REDIS_7()
    {
        var statements = NodePolicyStatements(t).Where(s => s.ToJsonString().Contains("elasticache", StringComparison.Ordinal)).ToList();
        var connect = Assert.Single(statements);
        Assert.Equal("elasticache:Connect", (string?)connect["Action"]);
        var user = (string?)t.AllResources[t.IdsOf("AWS::ElastiCache::User").Single(id => id.Contains("IamUser", StringComparison.Ordinal))]!["Properties"]!["UserId"];
        var group = t.IdsOf("AWS::ElastiCache::ReplicationGroup").Single();
        Assert.Equal(
            [
                $"[\"\",[\"arn:\",{{\"Ref\":\"AWS::Partition\"}},\":elasticache:us-east-1:123456789012:replicationgroup:\",{{\"Ref\":\"{group}\"}}]]",
                $"[\"\",[\"arn:\",{{\"Ref\":\"AWS::Partition\"}},\":elasticache:us-east-1:123456789012:user:{user}\"]]",
            ],
            connect["Resource"]!.AsArray().Select(r => r!["Fn::Join"]!.ToJsonString()));
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Node_Environment_Holds_Tfe_Passwordless_Redis_Settings_And_No_Redis_Password_COMP_4()
    {
        var userData = t.UserData();
        var user = (string?)t.AllResources[t.IdsOf("AWS::ElastiCache::User").Single(id => id.Contains("IamUser", StringComparison.Ordinal))]!["Properties"]!["UserName"];
        var group = t.IdsOf("AWS::ElastiCache::ReplicationGroup").Single();
        Assert.Contains(
            $"TFE_REDIS_USE_TLS=true\nTFE_REDIS_USER={user}\nTFE_REDIS_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE=true\n"
            + $"TFE_REDIS_PASSWORDLESS_AWS_REGION=us-east-1\nTFE_REDIS_PASSWORDLESS_AWS_HOST_NAME=${{Ref:{group}}}\n",
            userData, StringComparison.Ordinal);
        Assert.DoesNotContain("TFE_REDIS_USE_AUTH", userData, StringComparison.Ordinal);
        Assert.DoesNotContain("\nTFE_REDIS_PASSWORD ", userData, StringComparison.Ordinal);
        Assert.Contains("\nTFE_ENCRYPTION_PASSWORD ", userData, StringComparison.Ordinal);
    }
}
