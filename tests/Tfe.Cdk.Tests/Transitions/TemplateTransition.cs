using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Transitions;

/// <summary>
/// What CloudFormation would do to the stateful resources when a stack moves from one template to the next, read from the
/// CloudFormation resource schemas' create-only properties (create-only-properties.json, written by
/// tools/create-only-properties.py from the schemas cfn-lint ships).
/// </summary>
public sealed class TemplateTransition
{
    private static readonly Lazy<Dictionary<string, (string[] CreateOnly, string[] Conditional)>> Schema = new(Load);

    public TemplateTransition(JsonObject before, JsonObject after, IReadOnlyCollection<string> allowed)
    {
        var b = before["Resources"]!.AsObject();
        var a = after["Resources"]!.AsObject();
        foreach (var (id, resource) in b)
        {
            var type = (string)resource!["Type"]!;
            if (!Schema.Value.TryGetValue(type, out var schema))
            {
                continue;
            }

            if (a[id] is not JsonObject next || (string?)next["Type"] != type)
            {
                Violations.Add($"{type} {id}: logical id gone (CloudFormation deletes it)");
                continue;
            }

            var p0 = resource["Properties"] as JsonObject ?? [];
            var p1 = next["Properties"] as JsonObject ?? [];
            foreach (var key in p0.Select(p => p.Key).Union(p1.Select(p => p.Key)).Where(k => !JsonNode.DeepEquals(p0[k], p1[k])).Order(StringComparer.Ordinal))
            {
                var name = $"{type}.{key}";
                if (schema.CreateOnly.Contains(key))
                {
                    Violations.Add($"{id}: create-only {name} changed (replacement)");
                }
                else if (schema.Conditional.Contains(key) && !allowed.Contains(name))
                {
                    Violations.Add($"{id}: conditionally create-only {name} changed");
                }
                else if (type == "AWS::SecretsManager::Secret" && key == "GenerateSecretString")
                {
                    Violations.Add($"{id}: {name} changed (a new random value)");
                }
                else
                {
                    InPlace.Add(name);
                }
            }

            foreach (var policy in new[] { "DeletionPolicy", "UpdateReplacePolicy" })
            {
                if (!JsonNode.DeepEquals(resource[policy], next[policy]))
                {
                    Violations.Add($"{id}: {policy} changed");
                }
            }
        }

        NodesReplaced = Changed(b, a, "AWS::EC2::LaunchTemplate") || Changed(b, a, "AWS::AutoScaling::AutoScalingGroup", "VPCZoneIdentifier");
        Added = a.Where(r => b[r.Key] is null).Select(r => (string)r.Value!["Type"]!).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Losses: a stateful resource deleted, replaced, or its secret regenerated.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Stateful properties updated in place, as <c>Type.Property</c>.</summary>
    public SortedSet<string> InPlace { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the nodes are replaced (a launch template or subnet change rolls the Auto Scaling group).</summary>
    public bool NodesReplaced { get; }

    /// <summary>The resource types the "after" template adds.</summary>
    public IReadOnlyList<string> Added { get; }

    /// <summary>The stateful types the check covers.</summary>
    public static IReadOnlyCollection<string> StatefulTypes => Schema.Value.Keys;

    /// <summary>The create-only properties of a stateful type.</summary>
    public static IReadOnlyList<string> CreateOnly(string type) => Schema.Value[type].CreateOnly;

    public DayTwoEffect Effect =>
        Violations.Count > 0 ? DayTwoEffect.ReplacesStateful
        : NodesReplaced ? DayTwoEffect.ReplacesNodes
        : InPlace.Count > 0 ? DayTwoEffect.StatefulInPlace
        : DayTwoEffect.NothingStateful;

    private static bool Changed(JsonObject b, JsonObject a, string type, string? property = null) =>
        b.Where(r => (string?)r.Value!["Type"] == type).Any(r =>
            a[r.Key] is not JsonObject next
            || (property is null
                ? !JsonNode.DeepEquals(r.Value!["Properties"], next["Properties"])
                : !JsonNode.DeepEquals(r.Value!["Properties"]?[property], next["Properties"]?[property])));

    private static Dictionary<string, (string[], string[])> Load()
    {
        var path = Path.Combine(RepositoryPaths.Tests, "Transitions", "create-only-properties.json");
        var types = JsonNode.Parse(File.ReadAllText(path))!["types"]!.AsObject();
        return types.ToDictionary(t => t.Key, t => (
            t.Value!["createOnly"]!.AsArray().Select(p => (string)p!).ToArray(),
            t.Value!["conditionalCreateOnly"]!.AsArray().Select(p => (string)p!).ToArray()));
    }
}
