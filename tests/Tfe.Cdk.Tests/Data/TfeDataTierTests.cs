using System.Text.Json;
using Amazon.CDK.Assertions;

namespace Tfe.Cdk.Tests.Data;

using Props = Dictionary<string, object>;

public sealed class TfeDataTierTests(DataTierFixture f) : IClassFixture<DataTierFixture>
{
    private const string DbInstance = "AWS::RDS::DBInstance";
    private const string S3Bucket = "AWS::S3::Bucket";

    [Fact]
    [Trait("Rule", "DB-1")]
    public void DB1_Database_Is_Postgres_MultiAz_On_A_Pinned_Supported_Version()
    {
        f.Template.ResourceCountIs(DbInstance, 1);
        f.Template.HasResourceProperties(DbInstance, new Props
        {
            ["Engine"] = "postgres",
            ["EngineVersion"] = "16.13",
            ["MultiAZ"] = true,
            ["AutoMinorVersionUpgrade"] = false,
            ["AllowMajorVersionUpgrade"] = false,
        });
    }

    [Fact]
    [Trait("Rule", "DB-2")]
    public void DB2_Database_Has_The_Minimum_Size_And_Storage()
    {
        f.Template.HasResourceProperties(DbInstance, new Props
        {
            ["DBInstanceClass"] = "db.m6i.xlarge",
            ["AllocatedStorage"] = "50",
            ["MaxAllocatedStorage"] = 500,
            ["StorageType"] = "gp3",
        });
    }

    [Fact]
    public void Database_Storage_And_Performance_Insights_Are_Encrypted_With_The_Key()
    {
        var key = Match.ObjectLike(new Props { ["Fn::GetAtt"] = new object[] { f.KeyId, "Arn" } });
        f.Template.HasResourceProperties(DbInstance, new Props
        {
            ["StorageEncrypted"] = true,
            ["KmsKeyId"] = key,
            ["EnablePerformanceInsights"] = true,
            ["PerformanceInsightsKMSKeyId"] = key,
        });
    }

    [Fact]
    [Trait("Rule", "DB-3")]
    public void DB3_Automated_Backups_Kept_35_Days_And_A_Snapshot_On_Delete()
    {
        f.Template.HasResource(DbInstance, new Props
        {
            ["Properties"] = Match.ObjectLike(new Props
            {
                ["BackupRetentionPeriod"] = 35,
                ["DeleteAutomatedBackups"] = false,
                ["CopyTagsToSnapshot"] = true,
            }),
            ["DeletionPolicy"] = "Snapshot",
            ["UpdateReplacePolicy"] = "Snapshot",
        });
    }

    [Fact]
    [Trait("Rule", "DB-3")]
    public void DB3_Deletion_Protection_Is_On() =>
        f.Template.HasResourceProperties(DbInstance, new Props { ["DeletionProtection"] = true });

    [Fact]
    public void Database_Requires_Tls_With_Rds_Force_Ssl() =>
        f.Template.HasResourceProperties("AWS::RDS::DBParameterGroup", new Props
        {
            ["Family"] = "postgres16",
            ["Parameters"] = new Props { ["rds.force_ssl"] = "1" },
        });

    [Fact]
    [Trait("Rule", "DB-4")]
    public void DB4_Subnet_Group_Uses_The_Isolated_Data_Subnets()
    {
        var dataSubnet = Match.ObjectLike(new Props { ["Ref"] = Match.StringLikeRegexp("^NetworkVpcDataSubnet[123]Subnet") });
        f.Template.HasResourceProperties("AWS::RDS::DBSubnetGroup", new Props
        {
            ["SubnetIds"] = Match.ArrayEquals([dataSubnet, dataSubnet, dataSubnet]),
        });
        Assert.Equal(3, f.Network.Vpc.IsolatedSubnets.Length);
    }

    [Fact]
    [Trait("Rule", "DB-4")]
    public void DB4_Database_Is_Private_And_Its_Security_Group_Admits_Nobody_By_Default()
    {
        f.Template.HasResourceProperties(DbInstance, new Props { ["PubliclyAccessible"] = false });
        f.Template.HasResourceProperties("AWS::EC2::SecurityGroup", new Props
        {
            ["GroupDescription"] = Match.StringLikeRegexp("TFE PostgreSQL"),
            ["SecurityGroupIngress"] = Match.Absent(),
        });
        f.Template.ResourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void OPS2_Database_Exports_Logs_And_Has_Enhanced_Monitoring() =>
        f.Template.HasResourceProperties(DbInstance, new Props
        {
            ["EnableCloudwatchLogsExports"] = new[] { "postgresql", "upgrade" },
            ["MonitoringInterval"] = 60,
        });

    [Fact]
    public void No_Secret_Literal_Master_Password_Is_A_Secrets_Manager_Dynamic_Reference()
    {
        var password = f.ResourcesJson.EnumerateObject().Single(r => r.Value.GetProperty("Type").GetString() == DbInstance)
            .Value.GetProperty("Properties").GetProperty("MasterUserPassword");
        Assert.Equal(JsonValueKind.Object, password.ValueKind);
        Assert.StartsWith("{{resolve:secretsmanager:", password.GetProperty("Fn::Join")[1][0].GetString(), StringComparison.Ordinal);
        Assert.Equal(":SecretString:password::}}", password.GetProperty("Fn::Join")[1][2].GetString());

        f.Template.HasResource("AWS::SecretsManager::Secret", new Props
        {
            ["Properties"] = Match.ObjectLike(new Props
            {
                ["SecretString"] = Match.Absent(),
                ["GenerateSecretString"] = Match.ObjectLike(new Props { ["ExcludeCharacters"] = Match.StringLikeRegexp("@") }),
                ["KmsKeyId"] = new Props { ["Fn::GetAtt"] = new object[] { f.KeyId, "Arn" } },
            }),
            ["DeletionPolicy"] = "Retain",
        });
    }

    [Fact]
    public void Key_Rotates_And_Is_Retained()
    {
        // The data key, the alarm topic's key (the tier defines its own topic when given none) and the network's flow-log key.
        f.Template.ResourceCountIs("AWS::KMS::Key", 3);
        f.Template.HasResource("AWS::KMS::Key", new Props
        {
            ["Properties"] = Match.ObjectLike(new Props { ["EnableKeyRotation"] = true }),
            ["DeletionPolicy"] = "Retain",
            ["UpdateReplacePolicy"] = "Retain",
        });
    }

    [Fact]
    [Trait("Rule", "S3-1")]
    [Trait("Rule", "S3-4")]
    public void S3_1_S3_4_Every_Bucket_Is_Versioned_Private_Owner_Enforced_And_Retained()
    {
        f.Template.ResourceCountIs(S3Bucket, 3);
        f.Template.AllResourcesProperties(S3Bucket, new Props
        {
            ["VersioningConfiguration"] = new Props { ["Status"] = "Enabled" },
            ["PublicAccessBlockConfiguration"] = new Props
            {
                ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
            },
            ["OwnershipControls"] = new Props { ["Rules"] = new[] { new Props { ["ObjectOwnership"] = "BucketOwnerEnforced" } } },
        });
        f.Template.AllResources(S3Bucket, new Props { ["DeletionPolicy"] = "Retain", ["UpdateReplacePolicy"] = "Retain" });
    }

    [Fact]
    [Trait("Rule", "S3-3")]
    public void S3_3_Application_And_Backup_Buckets_Use_SseKms_With_The_Key_And_A_Bucket_Key()
    {
        foreach (var id in new[] { f.BucketId, f.BackupBucketId })
        {
            var rule = f.ResourcesJson.GetProperty(id).GetProperty("Properties").GetProperty("BucketEncryption")
                .GetProperty("ServerSideEncryptionConfiguration")[0];
            Assert.True(rule.GetProperty("BucketKeyEnabled").GetBoolean());
            Assert.Equal("aws:kms", rule.GetProperty("ServerSideEncryptionByDefault").GetProperty("SSEAlgorithm").GetString());
            Assert.Equal(f.KeyId, rule.GetProperty("ServerSideEncryptionByDefault").GetProperty("KMSMasterKeyID").GetProperty("Fn::GetAtt")[0].GetString());
        }
    }

    [Fact]
    public void Every_Bucket_Policy_Denies_Requests_Without_Tls()
    {
        f.Template.ResourcePropertiesCountIs("AWS::S3::BucketPolicy", new Props
        {
            ["PolicyDocument"] = Match.ObjectLike(new Props
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Props
                {
                    ["Effect"] = "Deny",
                    ["Action"] = "s3:*",
                    ["Condition"] = new Props { ["Bool"] = new Props { ["aws:SecureTransport"] = "false" } },
                })]),
            }),
        }, 3);
    }

    [Fact]
    public void Access_Logs_Bucket_Uses_SseS3_Expires_Logs_And_Receives_The_Data_Buckets_Logs()
    {
        var logs = f.ResourcesJson.GetProperty(f.AccessLogsBucketId).GetProperty("Properties");
        Assert.Equal("AES256", logs.GetProperty("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration")[0]
            .GetProperty("ServerSideEncryptionByDefault").GetProperty("SSEAlgorithm").GetString());
        Assert.Equal(365, logs.GetProperty("LifecycleConfiguration").GetProperty("Rules")[0].GetProperty("ExpirationInDays").GetInt32());
        foreach (var id in new[] { f.BucketId, f.BackupBucketId })
        {
            var logging = f.ResourcesJson.GetProperty(id).GetProperty("Properties").GetProperty("LoggingConfiguration");
            Assert.Equal(f.AccessLogsBucketId, logging.GetProperty("DestinationBucketName").GetProperty("Ref").GetString());
        }

        // Delivered through a bucket policy for the logging service, not an ACL (BucketOwnerEnforced forbids ACLs).
        f.Template.HasResourceProperties("AWS::S3::BucketPolicy", new Props
        {
            ["PolicyDocument"] = Match.ObjectLike(new Props
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Props
                {
                    ["Principal"] = new Props { ["Service"] = "logging.s3.amazonaws.com" },
                    ["Action"] = "s3:PutObject",
                })]),
            }),
        });
        f.Template.ResourcePropertiesCountIs(S3Bucket, new Props { ["AccessControl"] = Match.AnyValue() }, 0);
    }

    [Fact]
    public void Application_Bucket_Aborts_Incomplete_Multipart_Uploads_After_7_Days()
    {
        var rule = f.ResourcesJson.GetProperty(f.BucketId).GetProperty("Properties").GetProperty("LifecycleConfiguration").GetProperty("Rules")[0];
        Assert.Equal(7, rule.GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetInt32());
    }

    [Fact]
    [Trait("Rule", "DR-1")]
    [Trait("Rule", "S3-5")]
    public void S3_5_DR1_Application_Bucket_Replicates_Into_The_Backup_Bucket_In_Standard_IA_Without_Deletions()
    {
        var rules = f.ResourcesJson.GetProperty(f.BucketId).GetProperty("Properties").GetProperty("ReplicationConfiguration").GetProperty("Rules");
        var rule = Assert.Single(rules.EnumerateArray());
        Assert.Equal("Enabled", rule.GetProperty("Status").GetString());
        Assert.Equal("", rule.GetProperty("Filter").GetProperty("Prefix").GetString());
        Assert.Equal("Disabled", rule.GetProperty("DeleteMarkerReplication").GetProperty("Status").GetString());
        Assert.Equal("Enabled", rule.GetProperty("SourceSelectionCriteria").GetProperty("SseKmsEncryptedObjects").GetProperty("Status").GetString());
        var destination = rule.GetProperty("Destination");
        Assert.Equal("STANDARD_IA", destination.GetProperty("StorageClass").GetString());
        Assert.Equal(f.BackupBucketId, destination.GetProperty("Bucket").GetProperty("Fn::GetAtt")[0].GetString());
        Assert.Equal(f.KeyId, destination.GetProperty("EncryptionConfiguration").GetProperty("ReplicaKmsKeyID").GetProperty("Fn::GetAtt")[0].GetString());
    }

    [Fact]
    [Trait("Rule", "S3-5")]
    public void S3_5_Replication_Role_Is_Least_Privilege()
    {
        var policy = f.IdsOf("AWS::IAM::Policy")
            .Select(id => f.ResourcesJson.GetProperty(id).GetProperty("Properties"))
            .Single(p => p.GetProperty("PolicyName").GetString()!.StartsWith("DataReplicationRole", StringComparison.Ordinal));
        var actions = policy.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
            .SelectMany(s => s.GetProperty("Action").ValueKind == JsonValueKind.Array
                ? s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!)
                : [s.GetProperty("Action").GetString()!])
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            new[]
            {
                "kms:Decrypt", "kms:Encrypt", "s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTagging",
                "s3:GetReplicationConfiguration", "s3:ListBucket", "s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags",
            },
            actions);
        Assert.DoesNotContain("\"Resource\":\"*\"", policy.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void OPS2_Database_Alarms_Exist_With_Descriptions()
    {
        Assert.Equal(5, f.Data.Alarms.Count);
        f.Template.ResourceCountIs("AWS::CloudWatch::Alarm", 5);
        f.Template.HasResourceProperties("AWS::CloudWatch::Alarm", new Props
        {
            ["MetricName"] = "CPUUtilization",
            ["Namespace"] = "AWS/RDS",
            ["Threshold"] = 80,
            ["ComparisonOperator"] = "GreaterThanThreshold",
            ["EvaluationPeriods"] = 3,
            ["Period"] = 300,
            ["AlarmDescription"] = Match.StringLikeRegexp("Performance Insights"),
        });
        f.Template.HasResourceProperties("AWS::CloudWatch::Alarm", new Props
        {
            ["MetricName"] = "FreeStorageSpace",
            ["Threshold"] = 10d * 1024 * 1024 * 1024,
            ["ComparisonOperator"] = "LessThanThreshold",
        });
        // No topic given: the tier defines one, and every alarm notifies it on alarm and on OK.
        var topic = Assert.Single(f.IdsOf("AWS::SNS::Topic"));
        var action = new object[] { new Props { ["Ref"] = topic } };
        f.Template.AllResourcesProperties("AWS::CloudWatch::Alarm", new Props { ["AlarmActions"] = action, ["OKActions"] = action });
    }

    [Fact]
    public void Grants_Give_The_Node_Role_Exactly_The_Bucket_Secret_And_Key_Actions_It_Needs()
    {
        var policy = f.IdsOf("AWS::IAM::Policy")
            .Select(id => f.ResourcesJson.GetProperty(id).GetProperty("Properties"))
            .Single(p => p.GetProperty("Roles")[0].GetProperty("Ref").GetString() == f.NodeRoleId)
            .GetRawText();
        foreach (var action in new[]
        {
            "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
            "secretsmanager:GetSecretValue", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey",
        })
        {
            Assert.Contains($"\"{action}\"", policy, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"""(s3|kms):[A-Za-z]*\*""", policy);
    }

    [Fact]
    public void No_Lambda_Or_Custom_Resource_Anywhere()
    {
        Assert.Empty(f.IdsOf("AWS::Lambda::Function"));
        Assert.DoesNotContain(f.ResourcesJson.EnumerateObject(), r => r.Value.GetProperty("Type").GetString()!.StartsWith("Custom::", StringComparison.Ordinal));
    }

    [Fact]
    public void Exposes_Connection_Settings_For_The_App_Tier()
    {
        Assert.Equal("tfe", f.Data.DatabaseName);
        Assert.Equal("tfe", f.Data.DatabaseUsername);
        Assert.Contains("Token", f.Data.DatabaseEndpointAddress, StringComparison.Ordinal);
        Assert.Contains("Token", f.Data.DatabasePort, StringComparison.Ordinal);
        Assert.Single(f.Data.Connections.SecurityGroups);
    }

    [Fact]
    public void Cdk_Nag_Suppressions_Carry_Reasons_And_Match_The_Findings()
    {
        // Each rule as "id reason [applies_to...]", decoded (GetRawText would escape '<').
        string Suppressions(string id) => string.Join(
            "\n",
            f.ResourcesJson.GetProperty(id).GetProperty("Metadata").GetProperty("cdk_nag").GetProperty("rules_to_suppress").EnumerateArray()
                .Select(r => string.Join(
                    " ",
                    new[] { r.GetProperty("id").GetString()!, r.GetProperty("reason").GetString()! }
                        .Concat(r.TryGetProperty("applies_to", out var a) ? a.EnumerateArray().Select(x => x.GetString()!) : []))));

        Assert.Contains("AwsSolutions-RDS11", Suppressions(f.IdsOf(DbInstance).Single()), StringComparison.Ordinal);
        Assert.Contains("AwsSolutions-SMG4", Suppressions(f.IdsOf("AWS::SecretsManager::Secret").Single()), StringComparison.Ordinal);
        var monitoringRole = f.IdsOf("AWS::IAM::Role").Single(id => id.StartsWith("DataDatabaseMonitoringRole", StringComparison.Ordinal));
        Assert.Contains("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole", Suppressions(monitoringRole), StringComparison.Ordinal);
        var replicationPolicy = f.IdsOf("AWS::IAM::Policy").Single(id => id.StartsWith("DataReplicationRole", StringComparison.Ordinal));
        var iam5 = Suppressions(replicationPolicy);
        Assert.Contains($"Resource::<{f.BucketId}.Arn>/*", iam5, StringComparison.Ordinal);
        Assert.Contains($"Resource::<{f.BackupBucketId}.Arn>/*", iam5, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_Raise_No_Tfe_Warning() =>
        Annotations.FromStack(f.Stack).HasNoWarning("*", Match.StringLikeRegexp("@tfe/cdk:"));
}
