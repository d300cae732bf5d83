namespace Tfe.Cdk.Tests.Dr;

/// <summary>
/// The DR region of a passwordless primary: the database there (restored at a cold failover; a warm replica the same way)
/// gets IAM authentication, its nodes connect as the replicated login role on that database's own DbiResourceId, and no
/// SQL runs there (the role is in the data).
/// </summary>
public sealed class DrPasswordlessDatabaseTests(ColdRestoredIamFixture f) : IClassFixture<ColdRestoredIamFixture>
{
    private readonly DrApp app = f.App;

    [Fact]
    public void The_Dr_Database_Has_Iam_Authentication_And_The_Dr_Nodes_Connect_On_Its_Own_Resource_Id()
    {
        var dr = app.Dr;
        var database = dr.IdsOf("AWS::RDS::DBInstance").Single();
        Assert.True((bool)dr.AllResources[database]!["Properties"]!["EnableIAMDatabaseAuthentication"]!);
        Assert.Empty(dr.IdsOf("Custom::TfeDatabaseUser"));
        Assert.Single(app.Primary.IdsOf("Custom::TfeDatabaseUser"));

        var policy = dr.IdsOf("AWS::IAM::Policy").Single(id => id.Contains("NodeRole", StringComparison.Ordinal));
        var connect = Assert.Single(dr.AllResources[policy]!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray(),
            s => s!["Action"]!.ToJsonString() == "\"rds-db:connect\"")!;
        Assert.Equal(
            $$"""{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":rds-db:us-west-2:123456789012:dbuser:",{"Fn::GetAtt":["{{database}}","DbiResourceId"]},"/tfe_iam"]]}""",
            connect["Resource"]!.ToJsonString());

        var userData = dr.UserData();
        Assert.Contains("TFE_DATABASE_USER=tfe_iam\n", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_DATABASE_PASSWORDLESS_AWS_REGION=us-west-2\n", userData, StringComparison.Ordinal);
        Assert.DoesNotMatch("\nTFE_DATABASE_PASSWORD ", userData);
    }
}
