using System.Text.Json.Nodes;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>
/// A principal given <see cref="TfeAppTier.GrantReadEncryptionPassword"/> is admitted by the secret's read-deny policy as
/// well as granted by IAM (the deny would override the IAM grant otherwise); shares the monitoring fixture's synth.
/// </summary>
public sealed class GrantedReaderTests(ActiveActiveMonitoringFixture f) : IClassFixture<ActiveActiveMonitoringFixture>
{
    [Fact]
    public void A_Restore_Tool_Granted_The_Encryption_Password_Is_Admitted_By_Its_Policy_And_By_No_Other()
    {
        var t = f.Synth;
        var password = t.IdsOf("AWS::SecretsManager::Secret").Single(id => id.Contains("EncryptionPassword", StringComparison.Ordinal));
        JsonNode Readers(Func<string, bool> secret) => t.IdsOf("AWS::SecretsManager::ResourcePolicy")
            .Select(id => t.AllResources[id]!["Properties"]!)
            .Single(p => secret((string)p["SecretId"]!["Ref"]!))["ResourcePolicy"]!["Statement"]![0]!["Condition"]!["ArnNotLike"]!["aws:PrincipalArn"]!;

        bool Admits(JsonNode readers, string roleId) =>
            readers.AsArray().Any(r => r is JsonObject o && o["Fn::GetAtt"] is JsonArray a && (string?)a[0] == roleId);

        Assert.True(Admits(Readers(id => id == password), f.RestoreRoleId));
        Assert.False(Admits(Readers(id => id.Contains("DatabaseSecret", StringComparison.Ordinal)), f.RestoreRoleId));
        Assert.False(Admits(Readers(id => id == password), f.BackupRoleId));
    }
}
