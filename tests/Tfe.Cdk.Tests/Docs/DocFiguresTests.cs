using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tfe.Cdk.Tests.Docs;

/// <summary>
/// The figures the README quotes about the samples (resources and outputs per stack) are the samples' own: read from the
/// reviewed snapshots, which the sample tests prove equal to what the samples synthesize. No jsii.
/// </summary>
public sealed partial class DocFiguresTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    /// <summary>Each README row (sample, stack) and the snapshot that holds that stack's template.</summary>
    private static readonly Dictionary<(string Sample, string Stack), string> Snapshots = new()
    {
        [("StandaloneApp", "TfeStandalone")] = "StandaloneApp",
        [("ActiveActiveApp", "TfeActiveActive")] = "ActiveActiveApp",
        [("MultiRegionApp", "TfeMultiRegion-DrStorage")] = "MultiRegionApp.DrStorage",
        [("MultiRegionApp", "TfeMultiRegion-Primary")] = "MultiRegionApp.Primary",
        [("MultiRegionApp", "TfeMultiRegion-Dr")] = "MultiRegionApp.Dr",
    };

    [Fact]
    public void Readme_Sample_Table_Gives_Each_Stacks_Resource_And_Output_Counts()
    {
        var rows = SampleRow().Matches(Readme).ToDictionary(
            m => (m.Groups["sample"].Value, m.Groups["stack"].Value),
            m => (Resources: int.Parse(m.Groups["resources"].Value, System.Globalization.CultureInfo.InvariantCulture),
                  Outputs: int.Parse(m.Groups["outputs"].Value, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(Snapshots.Keys.Order(), rows.Keys.Order());
        Assert.Equal(Directory.GetFiles(Path.Combine(RepositoryPaths.Tests, "Snapshots"), "*.template.json").Length, Snapshots.Count);
        foreach (var (key, snapshot) in Snapshots)
        {
            var (resources, outputs) = Counts(snapshot);
            Assert.True(rows[key] == (resources, outputs),
                $"README says {key.Stack} ({key.Sample}) has {rows[key].Resources} resources and {rows[key].Outputs} outputs; the sample synthesizes {resources} and {outputs}");
        }
    }

    [Fact]
    public void Readme_Opening_Counts_The_Standalone_Samples_Resources()
    {
        var quoted = OpeningCount().Match(Readme);
        Assert.True(quoted.Success, "the README's opening no longer says how many resources the Standalone sample defines");
        Assert.Equal(Counts("StandaloneApp").Resources, int.Parse(quoted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static (int Resources, int Outputs) Counts(string snapshot)
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Tests, "Snapshots", snapshot + ".template.json")))!;
        return (template["Resources"]!.AsObject().Count, template["Outputs"]?.AsObject().Count ?? 0);
    }

    [GeneratedRegex(@"^\| `samples/(?<sample>\w+)` \| `(?<stack>[\w-]+)` \| (?<resources>\d+) \| (?<outputs>\d+) \|$", RegexOptions.Multiline)]
    private static partial Regex SampleRow();

    [GeneratedRegex(@"(\d+) resources \(the Standalone sample")]
    private static partial Regex OpeningCount();
}
