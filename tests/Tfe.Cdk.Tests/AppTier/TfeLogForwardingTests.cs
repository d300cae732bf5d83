using System.Text.Json.Nodes;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>
/// TFE's native log forwarding (docs/monitoring.md, "Log forwarding"): the Fluent Bit <c>[OUTPUT]</c> sections as rendered,
/// and, in the template, the destination the tier defines, the node role's only new permissions and the user data.
/// Two synths (one per output); the boot is in <c>Bootstrap.LogForwardingBootTests</c>.
/// </summary>
public sealed class TfeLogForwardingTests(CloudWatchLogForwardingFixture cw, S3LogForwardingFixture s3, InternalNlbFixture off)
    : IClassFixture<CloudWatchLogForwardingFixture>, IClassFixture<S3LogForwardingFixture>, IClassFixture<InternalNlbFixture>
{
    private static IEnumerable<JsonObject> NodeRoleStatements(StandaloneFixture f) => PolicyStatements.All(f.Synth)
        .Where(s => (string?)f.Synth.AllResources[s.Resource]!["Type"] == "AWS::IAM::Policy"
            && f.Synth.AllResources[s.Resource]!["Properties"]!["Roles"]!.ToJsonString().Contains(f.NodeRoleId, StringComparison.Ordinal))
        .Select(s => s.Statement);

    private static string LogicalIdContaining(StandaloneFixture f, string type, string part) =>
        f.Synth.IdsOf(type).Single(id => id.Contains(part, StringComparison.Ordinal));

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void CloudWatch_Output_Section_Names_The_Group_And_Region_Streams_Per_Node_And_Never_Creates_The_Group()
    {
        Assert.Equal(
            "[OUTPUT]\n"
            + "    Name                 cloudwatch_logs\n"
            + "    Match                *\n"
            + "    region               eu-central-1\n"
            + "    log_group_name       tfe-forwarded\n"
            + "    log_stream_prefix    @INSTANCE_ID@/\n"
            + "    auto_create_group    Off\n",
            TfeNodeLogForwarding.CloudWatchConfig("eu-central-1", "tfe-forwarded"));
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void S3_Output_Section_Puts_Whole_Gzip_Objects_Under_Prefix_And_Node()
    {
        Assert.Equal(
            "[OUTPUT]\n"
            + "    Name                 s3\n"
            + "    Match                *\n"
            + "    region               eu-central-1\n"
            + "    bucket               tfe-log-bucket\n"
            + "    use_put_object       On\n"
            + "    compression          gzip\n"
            + "    total_file_size      64M\n"
            + "    upload_timeout       5m\n"
            + "    store_dir_limit_size 256M\n"
            + "    s3_key_format        /tfe/production/@INSTANCE_ID@/%Y/%m/%d/%H%M%S-$UUID.gz\n",
            TfeNodeLogForwarding.S3Config("eu-central-1", "tfe-log-bucket", "tfe/production"));
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void CloudWatch_The_Tier_Defines_An_Encrypted_Retained_Group_And_The_Node_May_Only_Write_To_It()
    {
        var groupId = LogicalIdContaining(cw, "AWS::Logs::LogGroup", "LogForwardingLogs");
        var group = cw.Synth.AllResources[groupId]!;
        Assert.Equal("Retain", (string?)group["DeletionPolicy"]);
        Assert.Equal(90, (int)group["Properties"]!["RetentionInDays"]!);
        var dataKeyId = cw.Synth.IdsOf("AWS::KMS::Key").Single(id => id.Contains("DataKey", StringComparison.Ordinal));
        Assert.Equal(dataKeyId, (string?)group["Properties"]!["KmsKeyId"]!["Fn::GetAtt"]![0]);

        var writes = NodeRoleStatements(cw).Where(s => s["Resource"]!.ToJsonString().Contains(groupId, StringComparison.Ordinal)).ToList();
        var statement = Assert.Single(writes);
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], PolicyStatements.Actions(statement).Order());
        Assert.Equal($$"""{"Fn::GetAtt":["{{groupId}}","Arn"]}""", statement["Resource"]!.ToJsonString());
        // auto_create_group is off and the C plugin never describes streams: none of these is granted anywhere.
        var actions = NodeRoleStatements(cw).SelectMany(PolicyStatements.Actions).ToList();
        Assert.DoesNotContain("logs:CreateLogGroup", actions);
        Assert.DoesNotContain("logs:DescribeLogStreams", actions);
        Assert.DoesNotContain("logs:PutRetentionPolicy", actions);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void CloudWatch_User_Data_Sets_Both_Settings_And_Writes_The_Section_With_The_Groups_Deploy_Time_Name()
    {
        var groupId = LogicalIdContaining(cw, "AWS::Logs::LogGroup", "LogForwardingLogs");
        var userData = cw.NodeUserData;
        Assert.Contains("TFE_LOG_FORWARDING_ENABLED=true\n", userData, StringComparison.Ordinal);
        Assert.Contains($"TFE_LOG_FORWARDING_CONFIG_PATH={TfeNodeLogForwarding.ContainerConfigPath}\n", userData, StringComparison.Ordinal);
        Assert.Contains("readonly LOG_FORWARDING=true\n", userData, StringComparison.Ordinal);
        Assert.Contains(
            "cat > /etc/tfe/log-forwarding.conf.in <<'TFE_LOG_FORWARDING'\n"
            + TfeNodeLogForwarding.CloudWatchConfig("us-east-1", "${Ref:" + groupId + "}")
            + "TFE_LOG_FORWARDING\n",
            userData, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "S3-3")]
    public void S3_The_Tier_Defines_A_Retained_Kms_Bucket_With_Access_Logs_Apart_From_Tfes_Object_Storage()
    {
        var bucketId = LogicalIdContaining(s3, "AWS::S3::Bucket", "LogForwardingBucket");
        Assert.NotEqual(LogicalIdContaining(s3, "AWS::S3::Bucket", "DataBucket"), bucketId);
        var bucket = s3.Synth.AllResources[bucketId]!;
        Assert.Equal("Retain", (string?)bucket["DeletionPolicy"]);
        var properties = bucket["Properties"]!;
        var sse = properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!;
        Assert.Equal("aws:kms", (string?)sse["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        Assert.True((bool)sse["BucketKeyEnabled"]!);
        Assert.Equal("Enabled", (string?)properties["VersioningConfiguration"]!["Status"]);
        Assert.Equal(s3.AccessLogsBucketId, (string?)properties["LoggingConfiguration"]!["DestinationBucketName"]!["Ref"]);
        var policy = s3.Synth.AllResources[s3.Synth.IdsOf("AWS::S3::BucketPolicy").Single(id => s3.Synth.AllResources[id]!["Properties"]!["Bucket"]!.ToJsonString().Contains(bucketId, StringComparison.Ordinal))]!;
        Assert.Contains("aws:SecureTransport", policy.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void S3_The_Node_May_Only_Put_Objects_Under_The_Prefix_And_Encrypt_Them_Through_S3()
    {
        var bucketId = LogicalIdContaining(s3, "AWS::S3::Bucket", "LogForwardingBucket");
        var onBucket = NodeRoleStatements(s3).Where(s => s["Resource"]!.ToJsonString().Contains(bucketId, StringComparison.Ordinal)).ToList();
        var put = Assert.Single(onBucket);
        Assert.Equal(["s3:PutObject"], PolicyStatements.Actions(put));
        Assert.Equal($$"""{"Fn::Join":["",[{"Fn::GetAtt":["{{bucketId}}","Arn"]},"/tfe/production/*"]]}""", put["Resource"]!.ToJsonString());

        var dataKeyId = s3.Synth.IdsOf("AWS::KMS::Key").Single(id => id.Contains("DataKey", StringComparison.Ordinal));
        var encrypt = NodeRoleStatements(s3).Single(s => PolicyStatements.Actions(s).Order().SequenceEqual(["kms:Decrypt", "kms:GenerateDataKey"])
            && s["Condition"]?.ToJsonString().Contains("s3.", StringComparison.Ordinal) == true);
        Assert.Equal($$"""{"Fn::GetAtt":["{{dataKeyId}}","Arn"]}""", encrypt["Resource"]!.ToJsonString());
        Assert.Equal(
            """{"StringEquals":{"kms:ViaService":{"Fn::Join":["",["s3.us-east-1.",{"Ref":"AWS::URLSuffix"}]]}}}""",
            encrypt["Condition"]!.ToJsonString());
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void S3_User_Data_Writes_The_Section_With_The_Buckets_Deploy_Time_Name()
    {
        var bucketId = LogicalIdContaining(s3, "AWS::S3::Bucket", "LogForwardingBucket");
        Assert.Contains(
            "cat > /etc/tfe/log-forwarding.conf.in <<'TFE_LOG_FORWARDING'\n"
            + TfeNodeLogForwarding.S3Config("us-east-1", "${Ref:" + bucketId + "}", "tfe/production")
            + "TFE_LOG_FORWARDING\n",
            s3.NodeUserData, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Off_By_Default_No_Setting_No_Section_No_Mount()
    {
        var userData = off.NodeUserData;
        Assert.Contains("readonly LOG_FORWARDING=false\n", userData, StringComparison.Ordinal);
        Assert.DoesNotContain("TFE_LOG_FORWARDING", userData, StringComparison.Ordinal);
        Assert.DoesNotContain("log-forwarding.conf.in", userData, StringComparison.Ordinal);
        Assert.Null(off.Standalone.App.LogForwardingLogGroup);
        Assert.Null(off.Standalone.App.LogForwardingBucket);
        Assert.DoesNotContain(off.Synth.IdsOf("AWS::Logs::LogGroup"), id => id.Contains("LogForwarding", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void The_User_Data_Size_Check_Counts_The_Groups_Name_At_Its_Longest_COMP_4()
    {
        var c = cw.Standalone.App.NodeConfiguration;
        Assert.Contains("${Token[", c.LogForwardingConfig, StringComparison.Ordinal);
        var added = TfeNodeUserDataSize.WorstCaseBytes(c, 1500) - TfeNodeUserDataSize.WorstCaseBytes(c with { LogForwardingConfig = null }, 1500);
        Assert.True(added >= TfeNodeUserDataSize.LogGroupName + c.LogForwardingConfig!.Split("${Token[")[0].Length, $"the section adds {added} bytes at most");
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void The_Tier_Exposes_The_Destination_It_Defined()
    {
        Assert.NotNull(cw.Standalone.App.LogForwardingLogGroup);
        Assert.Null(cw.Standalone.App.LogForwardingBucket);
        Assert.NotNull(s3.Standalone.App.LogForwardingBucket);
        Assert.Null(s3.Standalone.App.LogForwardingLogGroup);
    }
}

/// <summary>Log forwarding into a destination the user passes: the node role is scoped to it, no bucket or group is defined.</summary>
public sealed class TfeLogForwardingImportedTests(ImportedBucketLogForwardingFixture bucket, ImportedLogGroupLogForwardingFixture group)
    : IClassFixture<ImportedBucketLogForwardingFixture>, IClassFixture<ImportedLogGroupLogForwardingFixture>
{
    private static IEnumerable<System.Text.Json.Nodes.JsonObject> NodeRoleStatements(StandaloneFixture f) => PolicyStatements.All(f.Synth)
        .Where(s => (string?)f.Synth.AllResources[s.Resource]!["Type"] == "AWS::IAM::Policy"
            && f.Synth.AllResources[s.Resource]!["Properties"]!["Roles"]!.ToJsonString().Contains(f.NodeRoleId, StringComparison.Ordinal))
        .Select(s => s.Statement);

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void A_Users_Bucket_Gets_Put_Object_Under_The_Prefix_Only_And_No_Bucket_Is_Defined()
    {
        var onBucket = NodeRoleStatements(bucket).Where(s => s["Resource"]!.ToJsonString().Contains("corp-audit-logs", StringComparison.Ordinal)).ToList();
        var put = Assert.Single(onBucket);
        Assert.Equal(["s3:PutObject"], PolicyStatements.Actions(put));
        Assert.Equal("""{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::corp-audit-logs/tfe/*"]]}""", put["Resource"]!.ToJsonString());
        Assert.DoesNotContain(bucket.Synth.IdsOf("AWS::S3::Bucket"), id => id.Contains("LogForwarding", StringComparison.Ordinal));
        Assert.Contains("    bucket               corp-audit-logs\n", bucket.NodeUserData, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void A_Users_Log_Group_Gets_The_Two_Writes_Only_And_No_Group_Is_Defined()
    {
        var onGroup = NodeRoleStatements(group).Where(s => s["Resource"]!.ToJsonString().Contains("corp/tfe-audit", StringComparison.Ordinal)).ToList();
        var write = Assert.Single(onGroup);
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], PolicyStatements.Actions(write).Order());
        Assert.DoesNotContain(group.Synth.IdsOf("AWS::Logs::LogGroup"), id => id.Contains("LogForwarding", StringComparison.Ordinal));
        Assert.Contains("    log_group_name       corp/tfe-audit\n", group.NodeUserData, StringComparison.Ordinal);
    }
}
