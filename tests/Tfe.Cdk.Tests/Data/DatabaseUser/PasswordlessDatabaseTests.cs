using System.Text.Json.Nodes;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.Topologies;

namespace Tfe.Cdk.Tests.Data.DatabaseUser;

/// <summary>
/// RDS IAM database authentication as the Active/Active sample uses it (one shared synth): the instance setting, the
/// database-user custom resource, the nodes' least-privilege connect grant and their passwordless settings.
/// </summary>
public sealed class PasswordlessDatabaseTests(ActiveActiveSampleFixture f) : IClassFixture<ActiveActiveSampleFixture>
{
    private readonly SynthesizedTemplate t = f.Synth;

    private string DatabaseId => t.IdsOf("AWS::RDS::DBInstance").Single();

    private string CustomResource => t.IdsOf("Custom::TfeDatabaseUser").Single();

    [Fact]
    [Trait("Rule", "DB-1")]
    public void The_Instance_Has_Iam_Authentication_And_The_Nodes_Wait_For_The_Database_User()
    {
        Assert.True((bool)t.AllResources[DatabaseId]!["Properties"]!["EnableIAMDatabaseAuthentication"]!);
        var user = t.AllResources[CustomResource]!;
        Assert.Equal("tfe_iam", (string?)user["Properties"]!["User"]);
        Assert.Equal("tfe", (string?)user["Properties"]!["Database"]);
        var asg = t.AllResources[t.IdsOf("AWS::AutoScaling::AutoScalingGroup").Single()]!;
        Assert.Contains(CustomResource, asg["DependsOn"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public void The_Node_Connects_As_The_Iam_User_With_No_Database_Password()
    {
        var userData = t.UserData();
        Assert.Contains("TFE_DATABASE_USER=tfe_iam\n", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_DATABASE_PARAMETERS=sslmode=require\n", userData, StringComparison.Ordinal);
        Assert.Contains("TFE_DATABASE_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE=true\nTFE_DATABASE_PASSWORDLESS_AWS_REGION=us-east-1\n", userData, StringComparison.Ordinal);
        Assert.DoesNotMatch("\nTFE_DATABASE_PASSWORD ", userData);
        Assert.Matches("\nTFE_ENCRYPTION_PASSWORD \\$\\{Ref:[A-Za-z0-9]+\\}\n", userData);
    }

    [Fact]
    public void The_Node_Role_May_Connect_As_That_User_On_That_Instance_Only_And_Cannot_Read_The_Master_Secret()
    {
        var statements = NodeRoleStatements().ToList();
        var connect = Assert.Single(statements, s => s["Action"]!.ToJsonString().Contains("rds-db", StringComparison.Ordinal));
        Assert.Equal("rds-db:connect", (string?)connect["Action"]);
        Assert.Equal(
            $$"""{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":rds-db:us-east-1:123456789012:dbuser:",{"Fn::GetAtt":["{{DatabaseId}}","DbiResourceId"]},"/tfe_iam"]]}""",
            connect["Resource"]!.ToJsonString());
        var attachment = t.IdsOf("AWS::SecretsManager::SecretTargetAttachment").Single();
        Assert.DoesNotContain(statements, s => s.ToJsonString().Contains(attachment, StringComparison.Ordinal));
    }

    [Fact]
    public void The_Function_Is_The_Embedded_Handler_Inline_With_The_Lambda_Ca_Bundle_And_Reaches_Only_The_Database_And_Https()
    {
        var function = t.AllResources[t.IdsOf("AWS::Lambda::Function").Single(id => id.Contains("DatabaseUser", StringComparison.Ordinal))]!["Properties"]!;
        Assert.Equal("nodejs24.x", (string?)function["Runtime"]);
        Assert.Equal(TfeDatabaseUserCode.Source, (string?)function["Code"]!["ZipFile"]);
        Assert.Equal(TfeDatabaseUser.LambdaCaBundle, (string?)function["Environment"]!["Variables"]!["NODE_EXTRA_CA_CERTS"]);
        Assert.NotNull(function["VpcConfig"]);
        var group = t.IdsOf("AWS::EC2::SecurityGroup").Single(id => id.Contains("DatabaseUserSecurityGroup", StringComparison.Ordinal));
        var egress = t.AllResources[group]!["Properties"]!["SecurityGroupEgress"]!.AsArray();
        Assert.Equal([443], egress.Select(e => (int)e!["FromPort"]!));
        var toDatabase = t.IdsOf("AWS::EC2::SecurityGroupEgress").Select(id => t.AllResources[id]!["Properties"]!)
            .Single(p => p["GroupId"]!.ToJsonString().Contains(group, StringComparison.Ordinal));
        Assert.Equal("tcp", (string?)toDatabase["IpProtocol"]);
        Assert.Equal(
            $$"""{"Fn::GetAtt":["{{DatabaseId}}","Endpoint.Port"]}""",
            toDatabase["FromPort"]!.ToJsonString());
    }

    private IEnumerable<JsonNode> NodeRoleStatements()
    {
        var policy = t.IdsOf("AWS::IAM::Policy").Single(id => id.Contains("NodeRole", StringComparison.Ordinal));
        return t.AllResources[policy]!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!);
    }
}

/// <summary>The passwordless database's rules on plain values and at construction: the release gate (DB-1) and the user name.</summary>
public sealed class PasswordlessDatabaseValidationTests
{
    [Theory]
    [InlineData("1.1.0")]
    [InlineData("1.2.2")]
    [InlineData("2.0.0")]
    [InlineData("2.1.0")]
    [InlineData("3.0.0")]
    public void Iam_Is_Allowed_From_1_1_0_And_For_A_Newer_Line_Than_The_Table(string release) =>
        Assert.Empty(TfeReleaseSupport.CheckDatabaseAuthentication(release, TfeDatabaseAuthentication.Iam).Violations);

    [Theory]
    [Trait("Rule", "DB-1")]
    [InlineData("1.0.2")]
    [InlineData("v202507-1")]
    [InlineData("v202401-1")]
    public void Iam_Is_Refused_For_A_Release_Without_It_DB1(string release)
    {
        var violation = Assert.Single(TfeReleaseSupport.CheckDatabaseAuthentication(release, TfeDatabaseAuthentication.Iam).Violations);
        Assert.Equal(RuleIds.Db1, violation.RuleId);
        Assert.Equal("Data.DatabaseAuthentication", violation.PropertyName);
        Assert.Contains("Iam", violation.ToString(), StringComparison.Ordinal);
        Assert.Contains("1.1.0", violation.ToString(), StringComparison.Ordinal);
        Assert.Empty(TfeReleaseSupport.CheckDatabaseAuthentication(release, TfeDatabaseAuthentication.Password).Violations);
        Assert.Empty(TfeReleaseSupport.CheckDatabaseAuthentication(release, null).Violations);
    }

    [Fact]
    public void The_Release_Table_Says_Which_Lines_Have_It() =>
        Assert.Equal(["2.1.x", "2.0.x", "1.2.x", "1.1.x"], TfeReleaseSupport.Lines.Where(l => l.PasswordlessDatabase).Select(l => l.Name));

    [Fact]
    [Trait("Rule", "DB-1")]
    public void A_Username_Too_Long_For_The_Iam_Role_Name_Is_Refused_DB1()
    {
        var name = new string('a', 60);
        var violation = Assert.Single(TfeDataTierPropsValidator.Check(new TfeDataTierPropsValidator.Values(DatabaseUsername: name,
            DatabaseAuthentication: TfeDatabaseAuthentication.Iam)).Violations);
        Assert.Equal("DatabaseUsername", violation.PropertyName);
        Assert.Empty(TfeDataTierPropsValidator.Check(new TfeDataTierPropsValidator.Values(DatabaseUsername: name)).Violations);
    }

    [Fact]
    [Trait("Rule", "DB-1")]
    public void The_Topology_Refuses_Iam_With_A_Release_That_Lacks_It_DB1()
    {
        var stack = TestApp.NewStack();
        var props = new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            TfeVersion = "1.0.2",
            Data = new TfeDataTierOptions { DatabaseAuthentication = TfeDatabaseAuthentication.Iam },
        };
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", props));
        var violation = Assert.Single(error.Violations, v => v.PropertyName == "Data.DatabaseAuthentication");
        Assert.Equal(RuleIds.Db1, violation.RuleId);
    }
}
