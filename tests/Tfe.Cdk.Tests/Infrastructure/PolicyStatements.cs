using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests;

/// <summary>Every IAM statement of a synthesized template: key policies, IAM policies, managed policies and role inline policies.</summary>
internal static class PolicyStatements
{
    public static IEnumerable<(string Resource, JsonObject Statement)> All(SynthesizedTemplate t)
    {
        foreach (var (id, resource) in t.AllResources)
        {
            var properties = resource?["Properties"];
            var documents = new[] { properties?["KeyPolicy"], properties?["PolicyDocument"] }
                .Concat((properties?["Policies"] as JsonArray ?? []).Select(p => p?["PolicyDocument"]));
            foreach (var statement in documents.SelectMany(d => d?["Statement"] as JsonArray ?? []).OfType<JsonObject>())
            {
                yield return (id, statement);
            }
        }
    }

    /// <summary>The statement's actions, whether written as one string or a list.</summary>
    public static IReadOnlyList<string> Actions(JsonObject statement) => statement["Action"] switch
    {
        JsonArray list => list.Select(a => (string)a!).ToList(),
        JsonValue one => [(string)one!],
        _ => [],
    };

    /// <summary>The statements that allow <c>kms:CreateGrant</c> by name (the account's <c>kms:*</c> administration statement aside).</summary>
    public static IEnumerable<(string Resource, JsonObject Statement)> CreateGrants(SynthesizedTemplate t) =>
        All(t).Where(s => (string?)s.Statement["Effect"] == "Allow" && Actions(s.Statement).Contains("kms:CreateGrant"));
}
