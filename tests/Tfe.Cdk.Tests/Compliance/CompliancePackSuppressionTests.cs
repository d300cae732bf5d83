using System.Text.Json.Nodes;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.Topologies;

namespace Tfe.Cdk.Tests.Compliance;

/// <summary>
/// Every suppression the library writes for the NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 packs carries a reason
/// a reviewer can read (cdk-nag refuses fewer than 10 characters), read from the Active/Active sample (every tier).
/// </summary>
public sealed class CompliancePackSuppressionTests(ActiveActiveSampleFixture f) : IClassFixture<ActiveActiveSampleFixture>
{
    private IEnumerable<(string Resource, string Id, string Reason)> Suppressions() =>
        from resource in f.Synth.AllResources
        let rules = resource.Value!["Metadata"]?["cdk_nag"]?["rules_to_suppress"] as JsonArray
        where rules is not null
        from rule in rules
        select (resource.Key, rule!["id"]!.GetValue<string>(), rule["reason"]?.GetValue<string>() ?? string.Empty);

    [Fact]
    public void Every_Compliance_Pack_Suppression_Has_A_Reason_Of_At_Least_10_Characters()
    {
        foreach (var pack in NagControls.CompliancePacks)
        {
            var ofPack = Suppressions().Where(s => s.Id.StartsWith(pack + "-", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(ofPack);
            Assert.All(ofPack, s => Assert.True(s.Reason.Trim().Length >= 10, $"{s.Id} on {s.Resource}: reason '{s.Reason}'"));
        }
    }

    [Fact]
    public void One_Reason_Covers_A_Control_In_Every_Pack_That_Checks_It()
    {
        // The database secret's rotation control: AwsSolutions-SMG4 and the NIST and HIPAA rule share one reason.
        var rotation = Suppressions().Where(s => s.Id.EndsWith("SecretsManagerRotationEnabled", StringComparison.Ordinal) || s.Id == "AwsSolutions-SMG4")
            .GroupBy(s => s.Resource)
            .ToList();
        Assert.NotEmpty(rotation);
        Assert.All(rotation, g =>
        {
            Assert.Equal(NagControls.SecretsRotation.Ids.OrderBy(i => i), g.Select(s => s.Id).OrderBy(i => i));
            Assert.Single(g.Select(s => s.Reason).Distinct());
        });
    }
}
