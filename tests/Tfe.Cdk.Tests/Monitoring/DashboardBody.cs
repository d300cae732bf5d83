using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Monitoring;

/// <summary>
/// A synthesized dashboard's <c>DashboardBody</c>, read back as JSON. The body is a <c>Fn::Join</c> of literal JSON text and
/// intrinsics (<c>Ref</c>, <c>Fn::GetAtt</c>) that sit inside JSON strings; each intrinsic is replaced by a quote-free
/// placeholder (<c>Ref:Id</c>, <c>GetAtt:Id.Attr</c>) so the joined text parses.
/// </summary>
public sealed class DashboardBody
{
    public DashboardBody(SynthesizedTemplate synth, string? logicalId = null)
    {
        ArgumentNullException.ThrowIfNull(synth);
        var id = logicalId ?? synth.IdsOf("AWS::CloudWatch::Dashboard").Single();
        var body = synth.AllResources[id]!["Properties"]!["DashboardBody"]!;
        Text = Render(body);
        Widgets = JsonNode.Parse(Text)!["widgets"]!.AsArray().Select(w => w!.AsObject()).ToList();
    }

    /// <summary>The body with placeholders for intrinsics.</summary>
    public string Text { get; }

    public IReadOnlyList<JsonObject> Widgets { get; }

    public IReadOnlyList<string> Titles =>
        Widgets.Select(w => (string?)w["properties"]?["title"]).OfType<string>().ToList();

    /// <summary>The widget with this title.</summary>
    public JsonObject Widget(string title) => Widgets.Single(w => (string?)w["properties"]?["title"] == title);

    /// <summary>Every metric line of a graph as (namespace, metric name, options); math expressions are skipped.</summary>
    public static IReadOnlyList<(string Namespace, string Name, JsonObject? Options)> Metrics(JsonObject widget) =>
        (widget["properties"]!["metrics"]?.AsArray() ?? [])
            .Select(m => m!.AsArray())
            .Where(m => m[0] is JsonValue)
            .Select(m => ((string)m[0]!, (string)m[1]!, m[^1] as JsonObject))
            .ToList();

    /// <summary>The metric names of every graph, including those inside math expressions' inputs.</summary>
    public IReadOnlyList<string> MetricNames => Widgets.SelectMany(w => Metrics(w)).Select(m => m.Name).Distinct().ToList();

    /// <summary>The logical ids of the alarms in the alarm status widget.</summary>
    public IReadOnlyList<string> AlarmIds =>
        Widgets.Single(w => (string?)w["type"] == "alarm")["properties"]!["alarms"]!.AsArray()
            .Select(a => ((string)a!).Replace("GetAtt:", string.Empty, StringComparison.Ordinal).Split('.')[0])
            .ToList();

    private static string Render(JsonNode? node) => node switch
    {
        JsonValue v => v.ToString(),
        JsonObject o when o["Fn::Join"] is JsonArray join => string.Join((string?)join[0], join[1]!.AsArray().Select(Render)),
        JsonObject o when o["Ref"] is JsonNode r => "Ref:" + r,
        JsonObject o when o["Fn::GetAtt"] is JsonArray g => "GetAtt:" + g[0] + "." + g[1],
        _ => "Intrinsic:" + node?.ToJsonString().Replace("\"", "'", StringComparison.Ordinal),
    };
}
