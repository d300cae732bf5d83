using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Props = System.Collections.Generic.Dictionary<string, object>;
using static Tfe.Cdk.Tests.Compliance.SecretPolicyAssertions;

namespace Tfe.Cdk.Tests.Dr;

/// <summary>samples/MultiRegionApp at rest: the three stacks, their order and what each one holds (one synth).</summary>
public sealed class MultiRegionSampleTests(MultiRegionSampleFixture f) : IClassFixture<MultiRegionSampleFixture>
{
    private DrApp A => f.App;

    [Theory]
    [InlineData("DrStorage")]
    [InlineData("Primary")]
    [InlineData("Dr")]
    public void Sample_Templates_Match_Their_Reviewed_Snapshots(string stack) =>
        SnapshotAssert.Matches("MultiRegionApp." + stack, stack switch { "DrStorage" => A.Storage.Json, "Primary" => A.Primary.Json, _ => A.Dr.Json });

    [Fact]
    [Trait("Rule", "OPS-5")]
    public void The_Dr_Stack_Gives_The_Operator_Commands_Of_Its_Own_Region_OPS_5()
    {
        // After a failover the DR site is the one operators work on: the same commands as the primary, for this region.
        var outputs = A.Dr.Json["Outputs"]!.AsObject();
        string Value(string id) => SynthesizedTemplate.Render(outputs.Single(o => o.Key.StartsWith("Tfe" + id, StringComparison.Ordinal)).Value!["Value"]);

        Assert.StartsWith("aws ssm start-session --region us-west-2 --target $(aws autoscaling describe-auto-scaling-groups --region us-west-2 ",
            Value("NodeSessionCommand"), StringComparison.Ordinal);
        Assert.StartsWith("aws rds create-db-snapshot --region us-west-2 --db-instance-identifier tfe-sample-db ", Value("DatabaseSnapshotCommand"), StringComparison.Ordinal);
        Assert.Equal("sudo docker exec terraform-enterprise tfectl node drain", Value("DrainCommand"));
        Assert.Equal("sudo docker exec terraform-enterprise tfectl support bundle", Value("SupportBundleCommand"));
        Assert.StartsWith("${Ref:", Value("LogGroupName"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Stacks_Deploy_In_The_Order_Storage_Primary_Dr_DR_2()
    {
        Assert.Empty(A.DependenciesOf("TfeMultiRegion-DrStorage"));
        Assert.Equal(["TfeMultiRegion-DrStorage"], A.DependenciesOf("TfeMultiRegion-Primary"));
        Assert.Contains("TfeMultiRegion-Primary", A.DependenciesOf("TfeMultiRegion-Dr"));
        Assert.Equal(("us-west-2", "us-east-1", "us-west-2"), (A.Storage.Stack.Region, A.Primary.Stack.Region, A.Dr.Stack.Region));
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void No_Stack_Has_A_Custom_Resource_A_Lambda_Or_A_Cross_Region_Export_DR_2()
    {
        foreach (var t in A.All)
        {
            Assert.DoesNotContain(t.AllResources, r => ((string)r.Value!["Type"]!).StartsWith("Custom::", StringComparison.Ordinal));
            Assert.Empty(t.IdsOf("AWS::Lambda::Function"));
            Assert.DoesNotContain("Custom::CrossRegionExport", t.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("/cdk/exports/", t.Text, StringComparison.Ordinal);
        }

        // The only imports are same-region ones (DR storage -> DR), never into the primary.
        Assert.DoesNotContain("Fn::ImportValue", A.Primary.Text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DR-3")]
    public void Warm_Standby_Is_A_Cross_Region_Read_Replica_Encrypted_With_The_Dr_Key_DR_3()
    {
        A.Primary.Template.HasResourceProperties("AWS::RDS::DBInstance", new Props { ["DBInstanceIdentifier"] = "tfe-sample-db", ["StorageEncrypted"] = true });
        var db = A.Dr.AllResources[A.Dr.IdsOf("AWS::RDS::DBInstance").Single()]!["Properties"]!.AsObject();
        Assert.Equal("tfe-sample-db", (string?)db["DBInstanceIdentifier"]);
        Assert.Equal("us-east-1", (string?)db["SourceRegion"]);
        Assert.Contains(":rds:us-east-1:123456789012:db:tfe-sample-db", db["SourceDBInstanceIdentifier"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Fn::ImportValue", db["KmsKeyId"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("StorageKey", db["KmsKeyId"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.False(db.ContainsKey("StorageEncrypted"));
        Assert.False(db.ContainsKey("BackupRetentionPeriod"));
        Assert.True((bool)db["MultiAZ"]!);
        Assert.True((bool)db["DeletionProtection"]!);
    }

    [Fact]
    [Trait("Rule", "DR-4")]
    public void Application_Bucket_Replicates_Into_The_Versioned_Kms_Encrypted_Dr_Bucket_With_A_Failure_Alarm_DR_4()
    {
        A.Storage.Template.HasResourceProperties("AWS::S3::Bucket", new Props
        {
            ["BucketName"] = "tfe-sample-app-us-west-2-123456789012",
            ["VersioningConfiguration"] = new Props { ["Status"] = "Enabled" },
            ["BucketEncryption"] = Match.ObjectLike(new Props
            {
                ["ServerSideEncryptionConfiguration"] = new object[] { Match.ObjectLike(new Props { ["ServerSideEncryptionByDefault"] = Match.ObjectLike(new Props { ["SSEAlgorithm"] = "aws:kms" }) }) },
            }),
        });
        A.Storage.Template.HasResourceProperties("AWS::KMS::Alias", new Props { ["AliasName"] = "alias/tfe-sample-dr-data" });

        var bucket = A.Primary.AllResources.Single(r => r.Value!["Properties"]?["ReplicationConfiguration"] is not null).Value!;
        var rules = bucket["Properties"]!["ReplicationConfiguration"]!["Rules"]!.AsArray();
        Assert.Equal(2, rules.Count);
        var dr = rules.Single(r => (string?)r!["Id"] == "DisasterRecovery")!;
        Assert.Contains("tfe-sample-app-us-west-2-123456789012", dr["Destination"]!["Bucket"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(":kms:us-west-2:123456789012:alias/tfe-sample-dr-data", dr["Destination"]!["EncryptionConfiguration"]!["ReplicaKmsKeyID"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Enabled", (string?)dr["DeleteMarkerReplication"]!["Status"]);
        Assert.Equal("Enabled", (string?)dr["SourceSelectionCriteria"]!["SseKmsEncryptedObjects"]!["Status"]);
        Assert.Equal("Enabled", (string?)dr["Destination"]!["Metrics"]!["Status"]);

        A.Primary.Template.HasResourceProperties("AWS::CloudWatch::Alarm", new Props
        {
            ["MetricName"] = "OperationsFailedReplication",
            ["Namespace"] = "AWS/S3",
            ["Dimensions"] = Match.ArrayWith([Match.ObjectLike(new Props { ["Name"] = "DestinationBucket", ["Value"] = "tfe-sample-app-us-west-2-123456789012" })]),
        });
        // The replication role may encrypt only with the DR key (by alias) through S3 in the DR region.
        Assert.Contains("\"kms:ResourceAliases\":\"alias/tfe-sample-dr-data\"", A.Primary.Text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Library_Secrets_Are_Replicated_Into_The_Dr_Region_Under_Fixed_Names_DR_2()
    {
        foreach (var name in new[] { "tfe-sample/database", "tfe-sample/encryption-password" })
        {
            A.Primary.Template.HasResourceProperties("AWS::SecretsManager::Secret", new Props
            {
                ["Name"] = name,
                ["ReplicaRegions"] = new object[] { new Props { ["Region"] = "us-west-2", ["KmsKeyId"] = Match.AnyValue() } },
            });
        }

        // The DR nodes read the replicas by name (no cross-region reference), in the DR region.
        var userData = A.Dr.UserData();
        Assert.Contains(":secretsmanager:us-west-2:123456789012:secret:tfe-sample/encryption-password", A.Dr.Text, StringComparison.Ordinal);
        Assert.Contains(":secretsmanager:us-west-2:123456789012:secret:tfe-sample/database", userData, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Dr_Region_Has_Its_Own_Network_Load_Balancer_And_Launch_Template_With_The_Nodes_At_Zero_DR_2()
    {
        Assert.Single(A.Dr.IdsOf("AWS::EC2::VPC"));
        Assert.Single(A.Dr.IdsOf("AWS::ElasticLoadBalancingV2::LoadBalancer"));
        Assert.Single(A.Dr.IdsOf("AWS::EC2::LaunchTemplate"));
        var asg = A.Dr.AllResources[A.Dr.IdsOf("AWS::AutoScaling::AutoScalingGroup").Single()]!.AsObject();
        Assert.Equal("0", (string?)asg["Properties"]!["MinSize"]);
        Assert.Equal("0", (string?)asg["Properties"]!["MaxSize"]);
        Assert.False(asg.ContainsKey("CreationPolicy"));
        // No rolling update at rest: a group of 0 has nothing to roll (and MinInstancesInService would exceed MaxSize).
        Assert.Null(asg["UpdatePolicy"]?["AutoScalingRollingUpdate"]);
    }

    [Fact]
    [Trait("Rule", "DR-6")]
    [Trait("Rule", "DR-2")]
    public void Dr_User_Data_Points_At_Dr_Endpoints_Only_DR_2_DR_6()
    {
        var userData = A.Dr.UserData();
        var dbId = A.Dr.IdsOf("AWS::RDS::DBInstance").Single();
        var redisId = A.Dr.IdsOf("AWS::ElastiCache::ReplicationGroup").Single();
        Assert.Contains($"TFE_DATABASE_HOST=${{GetAtt:{dbId}.Endpoint.Address}}", userData, StringComparison.Ordinal);
        Assert.Contains($"TFE_REDIS_HOST=${{GetAtt:{redisId}.PrimaryEndPoint.Address}}", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_OBJECT_STORAGE_S3_REGION=us-west-2", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_HOSTNAME=tfe.example.com", userData, StringComparison.Ordinal);
        Assert.Contains("readonly REGION='us-west-2'", userData, StringComparison.Ordinal);
        Assert.DoesNotContain("us-east-1", userData, StringComparison.Ordinal);
        // The primary's bucket, database and cache appear nowhere in the DR template's user data.
        Assert.DoesNotContain("TfeDataBucket", userData, StringComparison.Ordinal);
        Assert.Matches("TFE_OBJECT_STORAGE_S3_BUCKET=\\$\\{.*StorageBucket", userData);
    }

    [Fact]
    [Trait("Rule", "DR-6")]
    public void Active_Active_Standby_Has_Its_Own_Memory_Cache_And_Vault_Cluster_In_Its_Region_DR_6()
    {
        A.Dr.Template.HasResourceProperties("AWS::ElastiCache::ReplicationGroup", new Props
        {
            ["PreferredCacheClusterAZs"] = new object[] { "us-west-2a", "us-west-2b", "us-west-2c" },
        });
        // Vault cluster port 8201 only between this region's nodes (self-referencing group).
        var sg = A.Dr.IdsOf("AWS::EC2::SecurityGroupIngress")
            .Select(id => A.Dr.AllResources[id]!["Properties"]!)
            .Single(p => (int?)p["FromPort"] == 8201);
        Assert.Equal(sg["GroupId"]!.ToJsonString(), sg["SourceSecurityGroupId"]!.ToJsonString());
    }

    [Fact]
    [Trait("Rule", "DR-6")]
    [Trait("Rule", "REDIS-7")]
    public void Each_Region_Signs_In_To_Its_Own_Cache_With_Its_Own_Iam_User_And_Group_DR_6_REDIS_7()
    {
        var users = new[] { A.Primary, A.Dr }.Select(t => t.IdsOf("AWS::ElastiCache::User")
            .Select(id => (string)t.AllResources[id]!["Properties"]!["UserId"]!).Order(StringComparer.Ordinal).ToList()).ToList();
        Assert.All(users, u => Assert.Equal(2, u.Count));
        Assert.Empty(users[0].Intersect(users[1])); // ids are unique per account and region: each stack has its own
        foreach (var t in new[] { A.Primary, A.Dr })
        {
            var group = t.AllResources[t.IdsOf("AWS::ElastiCache::UserGroup").Single()]!["Properties"]!;
            var replicationGroup = t.IdsOf("AWS::ElastiCache::ReplicationGroup").Single();
            Assert.Equal((string?)group["UserGroupId"], (string?)t.AllResources[replicationGroup]!["Properties"]!["UserGroupIds"]![0]);
            var iamUser = t.IdsOf("AWS::ElastiCache::User").Select(id => t.AllResources[id]!["Properties"]!)
                .Single(p => (string?)p["AuthenticationMode"]!["Type"] == "iam");
            var connect = Assert.Single(NodePolicyStatements(t), s => s["Action"]!.ToJsonString() == "\"elasticache:Connect\"");
            var resources = connect["Resource"]!.ToJsonString();
            Assert.Contains($"{{\"Ref\":\"{replicationGroup}\"}}", resources, StringComparison.Ordinal);
            Assert.Contains($":elasticache:{t.Stack.Region}:123456789012:user:{(string?)iamUser["UserId"]}", resources, StringComparison.Ordinal);
            Assert.Contains($"TFE_REDIS_PASSWORDLESS_AWS_REGION={t.Stack.Region}\n", t.UserData(), StringComparison.Ordinal);
            Assert.Contains($"TFE_REDIS_USER={(string?)iamUser["UserName"]}\n", t.UserData(), StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Rule", "DR-5")]
    [Trait("Rule", "NET-3")]
    public void Dns_Fails_Over_Only_When_The_Dr_Site_Serves_And_Never_Fails_Back_On_Its_Own_DR_5_NET_3()
    {
        // Each region: a serving alarm under a fixed name and a canonical name aliasing its load balancer.
        A.Primary.Template.HasResourceProperties("AWS::CloudWatch::Alarm", new Props { ["AlarmName"] = "tfe-sample-us-east-1-serving", ["MetricName"] = "HealthyHostCount", ["TreatMissingData"] = "breaching" });
        A.Dr.Template.HasResourceProperties("AWS::CloudWatch::Alarm", new Props { ["AlarmName"] = "tfe-sample-us-west-2-serving", ["MetricName"] = "HealthyHostCount" });
        A.Primary.Template.HasResourceProperties("AWS::Route53::RecordSet", new Props { ["Name"] = "tfe-sample-us-east-1.example.com." });
        Assert.Empty(A.Primary.IdsOf("AWS::Route53::HealthCheck"));

        // The DR stack holds the failover pair, behind alarm-based checks (internal load balancers).
        A.Dr.Template.HasResourceProperties("AWS::Route53::RecordSet", new Props
        {
            ["Name"] = "tfe.example.com.",
            ["Failover"] = "SECONDARY",
            ["AliasTarget"] = Match.ObjectLike(new Props { ["DNSName"] = "tfe-sample-us-west-2.example.com." }),
            ["HealthCheckId"] = Match.AnyValue(),
        });
        var primaryRecord = A.Dr.IdsOf("AWS::Route53::RecordSet").Select(id => A.Dr.AllResources[id]!["Properties"]!)
            .Single(p => (string?)p["Failover"] == "PRIMARY");
        Assert.Equal("tfe-sample-us-east-1.example.com.", (string?)primaryRecord["AliasTarget"]!["DNSName"]);
        var gateId = (string)primaryRecord["HealthCheckId"]!["Fn::GetAtt"]![0]!;
        var gate = A.Dr.AllResources[gateId]!["Properties"]!["HealthCheckConfig"]!;
        Assert.Equal("CALCULATED", (string?)gate["Type"]);
        Assert.Equal(3, (int?)gate["HealthThreshold"]);
        var children = gate["ChildHealthChecks"]!.AsArray().Select(c => A.Dr.AllResources[(string)c!["Fn::GetAtt"]![0]!]!["Properties"]!["HealthCheckConfig"]!).ToList();
        Assert.Equal(3, children.Count);
        Assert.Contains(children, c => (string?)c["AlarmIdentifier"]!["Name"] == "tfe-sample-us-east-1-serving" && (string?)c["AlarmIdentifier"]!["Region"] == "us-east-1" && c["Inverted"] is null);
        Assert.Contains(children, c => (string?)c["AlarmIdentifier"]!["Name"] == "tfe-sample-us-west-2-serving" && (bool?)c["Inverted"] == true);
        // The latch: the primary is eligible only while the standby database is still a replica.
        Assert.Contains(children, c => (string?)c["AlarmIdentifier"]!["Name"] == "tfe-sample-us-west-2-standby-intact" && (string?)c["AlarmIdentifier"]!["Region"] == "us-west-2" && c["Inverted"] is null);
        Assert.All(children, c => Assert.Equal("Unhealthy", (string?)c["InsufficientDataHealthStatus"]));

        // SECONDARY: the DR site serving, or its database promoted (so DNS stays while the DR nodes are replaced: Route 53
        // answers the primary whenever the secondary is unhealthy).
        var secondaryRecord = A.Dr.IdsOf("AWS::Route53::RecordSet").Select(id => A.Dr.AllResources[id]!["Properties"]!)
            .Single(p => (string?)p["Failover"] == "SECONDARY");
        var secondary = A.Dr.AllResources[(string)secondaryRecord["HealthCheckId"]!["Fn::GetAtt"]![0]!]!["Properties"]!["HealthCheckConfig"]!;
        Assert.Equal("CALCULATED", (string?)secondary["Type"]);
        Assert.Equal(1, (int?)secondary["HealthThreshold"]);
        var either = secondary["ChildHealthChecks"]!.AsArray().Select(c => (string?)A.Dr.AllResources[(string)c!["Fn::GetAtt"]![0]!]!["Properties"]!["HealthCheckConfig"]!["AlarmIdentifier"]!["Name"]).Order().ToList();
        Assert.Equal(["tfe-sample-us-west-2-serving", "tfe-sample-us-west-2-standby-used"], either);
    }

    [Fact]
    [Trait("Rule", "DR-5")]
    public void Latch_Alarms_Read_Only_The_Presence_Of_The_Replicas_Lag_In_The_Dr_Region_DR_5()
    {
        var alarms = A.Dr.IdsOf("AWS::CloudWatch::Alarm").Select(id => A.Dr.AllResources[id]!).ToList();
        var intact = alarms.Single(a => (string?)a["Properties"]!["AlarmName"] == "tfe-sample-us-west-2-standby-intact");
        var used = alarms.Single(a => (string?)a["Properties"]!["AlarmName"] == "tfe-sample-us-west-2-standby-used");
        foreach (var alarm in new[] { intact, used })
        {
            var p = alarm["Properties"]!;
            Assert.Equal("AWS/RDS", (string?)p["Namespace"]);
            Assert.Equal("ReplicaLag", (string?)p["MetricName"]);
            Assert.Equal("tfe-sample-db", (string?)p["Dimensions"]![0]!["Value"]);
            Assert.Equal(-1, (int?)p["Threshold"]);
            // Created after the replica, so they never start on a standby that is merely not there yet.
            Assert.Contains(A.Dr.IdsOf("AWS::RDS::DBInstance").Single(), alarm["DependsOn"]!.AsArray().Select(d => (string?)d));
        }

        // Intact: OK while ReplicaLag is published (never below -1), ALARM once it is missing (promoted).
        Assert.Equal("LessThanThreshold", (string?)intact["Properties"]!["ComparisonOperator"]);
        Assert.Equal("breaching", (string?)intact["Properties"]!["TreatMissingData"]);
        // Used: the opposite.
        Assert.Equal("GreaterThanOrEqualToThreshold", (string?)used["Properties"]!["ComparisonOperator"]);
        Assert.Equal("notBreaching", (string?)used["Properties"]!["TreatMissingData"]);
    }

    [Fact]
    public void Resource_Counts_Per_Stack_Are_As_Reviewed()
    {
        Assert.Equal(6, Count(A.Storage));
        Assert.Equal(7, A.Dr.IdsOf("AWS::Route53::HealthCheck").Count);
        Assert.Equal(3, A.Dr.IdsOf("AWS::Route53::RecordSet").Count);

        static int Count(SynthesizedTemplate t) => t.AllResources.Count(r => (string?)r.Value!["Type"] != "AWS::CDK::Metadata");
    }

    internal static JsonObject Database(SynthesizedTemplate t) =>
        t.AllResources[t.IdsOf("AWS::RDS::DBInstance").Single()]!.AsObject();

    [Fact]
    public void Replicated_Secrets_Admit_The_Dr_Region_Nodes_By_Their_Reader_Tag()
    {
        var policies = ResourcePolicies(f.App.Primary);
        var replicated = policies.Where(p => !Ref(p["SecretId"])!.Contains("RedisAuthToken", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, replicated.Count); // the database secret and the encryption password; the cache's token stays in its region
        var drRole = f.App.Dr.IdsOf("AWS::IAM::Role").Single(id => id.Contains("NodeRole", StringComparison.Ordinal));
        var roleTags = f.App.Dr.AllResources[drRole]!["Properties"]!["Tags"]!.AsArray();
        foreach (var policy in replicated)
        {
            var tags = SingleDeny(policy)["Condition"]!["StringNotEquals"]!["aws:PrincipalTag/tfe:secret-reader"]!.AsArray().Select(t => (string?)t).ToList();
            var tag = Assert.Single(tags);
            Assert.Contains(roleTags, t => (string?)t!["Key"] == "tfe:secret-reader" && (string?)t["Value"] == tag);
        }

        Assert.All(policies.Except(replicated), p => Assert.False(SingleDeny(p)["Condition"]!.AsObject().ContainsKey("StringNotEquals")));
    }
}
