using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests;

/// <summary>
/// Compares a template with its reviewed snapshot in <c>Snapshots/&lt;name&gt;.template.json</c>. A logical-id change in
/// the diff means a resource is replaced: review snapshot diffs like code. <c>UPDATE_SNAPSHOTS=1 dotnet test</c> rewrites
/// the files instead of comparing.
/// </summary>
public static class SnapshotAssert
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Matches(string name, JsonObject template)
    {
        var actual = Normalize(template).ToJsonString(Indented) + "\n";
        var path = Path.Combine(RepositoryPaths.Tests, "Snapshots", name + ".template.json");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {path}: run `UPDATE_SNAPSHOTS=1 dotnet test` and review the new file.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var (line, want, got) = FirstDifference(expected, actual);
            Assert.Fail($"Template {name} differs from {path} at line {line}:\n  snapshot: {want}\n  actual:   {got}\n"
                + "If the change is intended, run `UPDATE_SNAPSHOTS=1 dotnet test` and review the diff (a logical-id change replaces a resource).");
        }
    }

    /// <summary>Sorted keys; no bootstrap version parameter/rule and no CDK metadata, which change with the CDK, not with us.</summary>
    private static JsonObject Normalize(JsonObject template)
    {
        var copy = (JsonObject)Sort(template)!;
        copy["Parameters"]?.AsObject().Remove("BootstrapVersion");
        copy["Rules"]?.AsObject().Remove("CheckBootstrapVersion");
        copy["Resources"]?.AsObject().Remove("CDKMetadata");
        copy.Remove("Conditions");
        if (copy["Rules"] is JsonObject { Count: 0 })
        {
            copy.Remove("Rules");
        }

        return copy;
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };

    private static (int Line, string Expected, string Actual) FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "(end)";
            var y = i < a.Length ? a[i] : "(end)";
            if (x != y)
            {
                // Long lines (user data) are shown around the first differing character only.
                var at = Enumerable.Range(0, Math.Min(x.Length, y.Length)).FirstOrDefault(k => x[k] != y[k], Math.Min(x.Length, y.Length));
                var from = Math.Max(0, at - 60);
                return (i + 1, Window(x, from), Window(y, from));
            }
        }

        return (0, string.Empty, string.Empty);
    }

    private static string Window(string line, int from) =>
        (from > 0 ? "…" : string.Empty) + line.Substring(Math.Min(from, line.Length), Math.Min(160, Math.Max(0, line.Length - from))).Trim();

}
