using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>
/// Tiers split over two stacks, the app tier reading the data tier and cache through their attributes (the documented
/// import path): the shared stack knows no reader of its secrets, so it must not lock the nodes out with a read-deny
/// policy. Shares the cross-stack fixture's synth (the "Shared" stack is synthesized with the same app).
/// </summary>
public sealed class CrossStackSecretPolicyTests(CrossStackFixture f) : IClassFixture<CrossStackFixture>
{
    [Fact]
    public void Secrets_Read_Only_Through_An_Import_Get_No_Read_Deny_Policy()
    {
        var shared = (Amazon.CDK.Stack)f.Nodes.Node.Scope!.Node.FindChild("Shared");
        var template = Amazon.CDK.Assertions.Template.FromStack(shared);
        template.ResourceCountIs("AWS::SecretsManager::Secret", 2);
        template.ResourceCountIs("AWS::SecretsManager::ResourcePolicy", 0);

        // The app tier's own encryption password lives in "Nodes" with the node role: that one is restricted.
        var policy = f.Synth.IdsOf("AWS::SecretsManager::ResourcePolicy").Single();
        var secret = (string)f.Synth.AllResources[policy]!["Properties"]!["SecretId"]!["Ref"]!;
        Assert.Contains("EncryptionPassword", secret, StringComparison.Ordinal);
    }
}

