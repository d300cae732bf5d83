using System.Text.Json;
using Amazon.CDK.Assertions;
using Tfe.Cdk.Tests.AppTier;
using Annotations = Amazon.CDK.Assertions.Annotations;

namespace Tfe.Cdk.Tests.Versions;

public sealed class UnknownReleaseWithCustomerKeysTests(UnknownReleaseWithCustomerKeysFixture f) : IClassFixture<UnknownReleaseWithCustomerKeysFixture>
{
    [Fact]
    [Trait("Rule", "DB-1")]
    public void A_Release_Outside_The_Support_Table_Warns_That_The_Versions_Were_Not_Checked_DB_1() =>
        Annotations.FromStack(f.Stack).HasWarning("/Test/Tfe",
            Match.StringLikeRegexp("TfeVersion 3.0.0 is not in the library's support table .*not checked.*@tfe/cdk:releaseNotInSupportTable"));

    [Theory]
    [InlineData(UnknownReleaseWithCustomerKeysFixture.LicenseKeyArn)]
    [InlineData(UnknownReleaseWithCustomerKeysFixture.SecretsKeyArn)]
    public void The_Nodes_May_Decrypt_The_Users_Secrets_Only_Through_Secrets_Manager(string keyArn)
    {
        var statement = Assert.Single(f.NodeRoleStatements(), s =>
            StandaloneFixture.Actions(s).Contains("kms:Decrypt") && s.GetProperty("Resource").ToString() == keyArn);
        Assert.Equal(["kms:Decrypt"], StandaloneFixture.Actions(statement));
        // Secrets Manager of the stack's region, on the partition's URL suffix (amazonaws.com here, amazonaws.com.cn in China).
        var viaService = statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("kms:ViaService").GetRawText();
        Assert.Equal("""{"Fn::Join":["",["secretsmanager.us-east-1.",{"Ref":"AWS::URLSuffix"}]]}""", viaService.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void The_Nodes_Read_Both_User_Secrets()
    {
        var reads = f.NodeRoleStatements().Where(s => StandaloneFixture.Actions(s).Contains("secretsmanager:GetSecretValue"))
            .Select(s => s.GetProperty("Resource").ToString()).ToList();
        Assert.Contains(reads, r => r.Contains("tfe/license-AbCdEf", StringComparison.Ordinal));
        Assert.Contains(reads, r => r.Contains("tfe/node-tls", StringComparison.Ordinal));
    }

    [Fact]
    public void No_Other_Key_Is_Granted_For_The_Secrets()
    {
        var keys = f.NodeRoleStatements().Where(s => StandaloneFixture.Actions(s).Contains("kms:Decrypt"))
            .Select(s => s.GetProperty("Resource")).Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()).ToList();
        Assert.Equal(2, keys.Count(k => k!.StartsWith("arn:aws:kms:us-east-1:123456789012:key/", StringComparison.Ordinal)));
    }
}
