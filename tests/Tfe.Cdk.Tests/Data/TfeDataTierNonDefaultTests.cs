using System.Text.Json;
using Amazon.CDK.Assertions;

namespace Tfe.Cdk.Tests.Data;

using Props = Dictionary<string, object>;

public sealed class TfeDataTierNonDefaultTests(DataTierNonDefaultFixture f) : IClassFixture<DataTierNonDefaultFixture>
{
    [Fact]
    [Trait("Rule", "S3-5")]
    public void S3_5_No_Backup_Bucket_Warns_And_Defines_No_Replication()
    {
        f.Annotations.HasWarning("*", Match.StringLikeRegexp("@tfe/cdk:noBackupBucket"));
        Assert.Null(f.Data.BackupBucket);
        f.Template.ResourceCountIs("AWS::S3::Bucket", 2);
        f.Template.ResourcePropertiesCountIs("AWS::S3::Bucket", new Props { ["ReplicationConfiguration"] = Match.AnyValue() }, 0);
    }

    [Fact]
    [Trait("Rule", "DB-2")]
    public void DB2_Burstable_Class_Warns() =>
        f.Annotations.HasWarning("*", Match.StringLikeRegexp("@tfe/cdk:burstableDatabase"));

    [Fact]
    public void Destroy_Warns_And_Deletes_State_Without_Emptying_Buckets()
    {
        f.Annotations.HasWarning("*", Match.StringLikeRegexp("@tfe/cdk:destroyState"));
        f.Template.HasResource("AWS::RDS::DBInstance", new Props
        {
            ["Properties"] = Match.ObjectLike(new Props { ["DeletionProtection"] = false }),
            ["DeletionPolicy"] = "Delete",
        });
        f.Template.AllResources("AWS::S3::Bucket", new Props { ["DeletionPolicy"] = "Delete" });
        f.Template.HasResource("AWS::KMS::Key", new Props { ["DeletionPolicy"] = "Delete" });
        f.Template.HasResource("AWS::SecretsManager::Secret", new Props { ["DeletionPolicy"] = "Delete" });
        Assert.DoesNotContain(f.ResourcesJson.EnumerateObject(), r =>
            r.Value.GetProperty("Type").GetString() is "AWS::Lambda::Function" or "Custom::S3AutoDeleteObjects");
    }

    [Fact]
    [Trait("Rule", "DB-1")]
    public void DB1_Still_MultiAz_Whatever_Else_Changes() =>
        f.Template.HasResourceProperties("AWS::RDS::DBInstance", new Props { ["MultiAZ"] = true, ["DBInstanceClass"] = "db.t3.xlarge" });
}
