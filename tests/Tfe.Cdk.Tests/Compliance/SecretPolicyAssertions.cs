using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Compliance;

/// <summary>Readers of the synthesized IAM, key and secret policies, shared by the issue-18 tests of each scenario.</summary>
internal static class SecretPolicyAssertions
{
    /// <summary>The CloudFormation execution role of the test environment's default synthesizer, as the secret policies write it.</summary>
    internal const string ExecutionRole = "arn:${AWS::Partition}:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-us-east-1";

    internal static List<JsonObject> NodePolicyStatements(SynthesizedTemplate t) =>
        t.AllResources[t.IdsOf("AWS::IAM::Policy").Single(id => id.Contains("NodeRole", StringComparison.Ordinal))]!["Properties"]!["PolicyDocument"]!["Statement"]!
            .AsArray().Select(s => s!.AsObject()).ToList();

    internal static IEnumerable<string> Actions(JsonObject statement) => statement["Action"] switch
    {
        JsonArray many => many.Select(a => (string)a!),
        var one => [(string)one!],
    };

    internal static List<JsonObject> DataKeyStatements(SynthesizedTemplate t) =>
        t.AllResources[t.IdsOf("AWS::KMS::Key").Single(id => id.Contains("DataKey", StringComparison.Ordinal))]!["Properties"]!["KeyPolicy"]!["Statement"]!
            .AsArray().Select(s => s!.AsObject()).ToList();

    internal static List<JsonObject> ResourcePolicies(SynthesizedTemplate t) =>
        t.IdsOf("AWS::SecretsManager::ResourcePolicy").Select(id => t.AllResources[id]!["Properties"]!.AsObject()).ToList();

    /// <summary>The only statement of a secret's policy: a Deny of GetSecretValue (reads only, never management) to every principal.</summary>
    internal static JsonObject SingleDeny(JsonObject policy)
    {
        var statement = Assert.Single(policy["ResourcePolicy"]!["Statement"]!.AsArray())!.AsObject();
        Assert.Equal("Deny", (string?)statement["Effect"]);
        Assert.Equal("*", (string?)statement["Principal"]!["AWS"]);
        Assert.Equal("secretsmanager:GetSecretValue", (string?)statement["Action"]);
        Assert.Equal("false", (string?)statement["Condition"]!["Bool"]!["aws:PrincipalIsAWSService"]);
        return statement;
    }

    /// <summary>The principals the deny exempts: plain ARNs, <c>Fn::Sub</c> templates, or <c>GetAtt:Id</c> for a role of the stack.</summary>
    internal static List<string> Readers(JsonObject deny) =>
        deny["Condition"]!["ArnNotLike"]!["aws:PrincipalArn"]!.AsArray().Select(a => a switch
        {
            JsonValue v => (string)v!,
            JsonObject o when o["Fn::Sub"] is { } sub => (string)sub!,
            JsonObject o => "GetAtt:" + (string?)o["Fn::GetAtt"]![0],
            _ => throw new InvalidOperationException("unexpected reader"),
        }).ToList();

    internal static string? Ref(JsonNode? node) => (string?)node?["Ref"];
}
