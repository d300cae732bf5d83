using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using CdkAnnotations = Amazon.CDK.Assertions.Annotations;

namespace TfeCdkApp.Tests;

/// <summary>
/// The app's stack, synthesized once for every test in <see cref="SynthesizedAppCollection"/>: a synth goes through
/// the CDK's JavaScript runtime and takes seconds, so tests share one instead of each making its own. The stack gets
/// the context the CDK CLI would give it: the "context" section of cdk.json and the cached lookups of cdk.context.json.
/// </summary>
public sealed class SynthesizedApp
{
    /// <summary>
    /// The account and region the tests synthesize for: the example ones, whose lookups the template's cdk.context.json
    /// holds. Once cdk.context.json has your own account's lookups (README.md), you may put your account here.
    /// </summary>
    public static readonly Amazon.CDK.Environment Environment = new() { Account = "123456789012", Region = "us-east-1" };

    public SynthesizedApp()
    {
        var root = AppRoot();
        var context = ReadContext(Path.Combine(root, "cdk.json"), "context")
            .Concat(ReadContext(Path.Combine(root, "cdk.context.json"), null))
            .ToDictionary(p => p.Key, p => p.Value);
        Context = context;
        var app = new App(new AppProps { Context = context, AnalyticsReporting = false });
        Settings = TfeSettings.FromContext(app.Node);
        Stack = new TfeStack(app, "TfeStackName", new TfeStackProps { Env = Environment, Settings = Settings });
        Assembly = app.Synth();
        Template = Template.FromStack(Stack);
        Annotations = CdkAnnotations.FromStack(Stack);
    }

    /// <summary>The context the app was given.</summary>
    public IReadOnlyDictionary<string, object> Context { get; }

    /// <summary>The settings read from that context, as Program.cs reads them.</summary>
    public TfeSettings Settings { get; }

    /// <summary>The stack under test.</summary>
    public TfeStack Stack { get; }

    /// <summary>The cloud assembly (what `cdk synth` writes to cdk.out).</summary>
    public Amazon.CDK.CXAPI.CloudAssembly Assembly { get; }

    /// <summary>The stack's synthesized CloudFormation template.</summary>
    public Template Template { get; }

    /// <summary>The stack's error, warning and info annotations.</summary>
    public CdkAnnotations Annotations { get; }

    /// <summary>The folder of cdk.json, found upwards from the test's output folder.</summary>
    private static string AppRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "cdk.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No cdk.json above {AppContext.BaseDirectory}");
    }

    private static IEnumerable<KeyValuePair<string, object>> ReadContext(string file, string? section)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var values = section is null ? document.RootElement : document.RootElement.GetProperty(section);
        return values.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ToObject(p.Value))).ToList();
    }

    private static object ToObject(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => e.EnumerateArray().Select(ToObject).ToArray(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => e.GetString() ?? string.Empty,
    };
}

/// <summary>Every test class in this collection shares one <see cref="SynthesizedApp"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SynthesizedAppCollection : ICollectionFixture<SynthesizedApp>
{
    /// <summary>The collection's name, for <c>[Collection(SynthesizedAppCollection.Name)]</c>.</summary>
    public const string Name = "Synthesized app";
}
