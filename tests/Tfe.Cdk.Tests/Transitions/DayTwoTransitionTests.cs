using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tfe.Cdk.Tests.Transitions;

/// <summary>
/// Every day-two operation (<see cref="DayTwoOperations"/>) as a pair of synthesized stacks: no stateful resource may
/// lose its logical id, change a create-only property or regenerate a secret, unless the operation is a documented
/// "never" (a negative control that proves the check sees a replacement). docs/day-two.md is generated from the same list.
/// </summary>
public sealed class DayTwoTransitionTests(DayTwoApps apps) : IClassFixture<DayTwoApps>
{
    [Theory]
    [Trait("Rule", "DR-2")]
    [MemberData(nameof(DayTwoOperations.Names), MemberType = typeof(DayTwoOperations))]
    public void Operation_Does_To_A_Running_Deployment_What_The_Table_Says_DR_2(string name)
    {
        var operation = DayTwoOperations.All.Single(o => o.Name == name);
        if (operation.Expected == DayTwoEffect.Refused)
        {
            var error = apps.Refusals[operation.After];
            Assert.NotNull(error);
            Assert.Contains(operation.RuleId!, error.RuleIds);
            return;
        }

        var transition = Transition(operation);
        Assert.True(operation.Expected == transition.Effect,
            $"{operation.Name}: expected {operation.Expected}, the diff shows {transition.Effect}: {string.Join("; ", transition.Violations.Concat(transition.InPlace))}");
        if (operation.Expected == DayTwoEffect.ReplacesStateful)
        {
            Assert.NotEmpty(transition.Violations);
        }
        else
        {
            Assert.Empty(transition.Violations);
        }
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Adding_Dr_Keeps_The_Database_Identifier_The_Secret_Names_And_The_Password_Logical_Id_DR_2()
    {
        foreach (var (before, after) in new[] { ("standalone", "standalone-dr-warm"), ("aa", "aa-dr-cold") })
        {
            var b = apps.Templates[before]["Resources"]!.AsObject();
            var a = apps.Templates[after]["Resources"]!.AsObject();
            var database = Single(b, "AWS::RDS::DBInstance");
            Assert.Equal(Prefix(before) + "-db", (string?)b[database]!["Properties"]!["DBInstanceIdentifier"]);
            Assert.True(JsonNode.DeepEquals(b[database]!["Properties"]!["DBInstanceIdentifier"], a[database]!["Properties"]!["DBInstanceIdentifier"]));

            // The encryption password: the app tier's, at the same path with or without DR, named from creation; DR adds its replica.
            var password = b.Single(r => (string?)r.Value!["Properties"]?["Name"] == Prefix(before) + "/encryption-password").Key;
            Assert.StartsWith("TfeAppEncryptionPassword", password, StringComparison.Ordinal);
            Assert.Null(b[password]!["Properties"]!["ReplicaRegions"]);
            Assert.Equal("us-west-2", (string?)a[password]!["Properties"]!["ReplicaRegions"]![0]!["Region"]);
            Assert.True(JsonNode.DeepEquals(b[password]!["Properties"]!["GenerateSecretString"], a[password]!["Properties"]!["GenerateSecretString"]));
            Assert.Contains(b, r => (string?)r.Value!["Properties"]?["Name"] == Prefix(before) + "/database");
        }

        string Prefix(string key) => key == "standalone" ? "tfedaytwo-tfe" : "tfedaytwoaa-tfe";
    }

    [Fact]
    public void The_Checker_Covers_Every_Stateful_Type_The_Library_Defines()
    {
        // Types that hold data or keys; a new one in any template must be added to tools/create-only-properties.py.
        string[] holdsData = ["AWS::RDS::DBInstance", "AWS::SecretsManager::Secret", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::KMS::Alias",
            "AWS::ElastiCache::ReplicationGroup", "AWS::Logs::LogGroup", "AWS::Backup::BackupVault", "AWS::RDS::DBCluster", "AWS::EFS::FileSystem",
            "AWS::DynamoDB::Table", "AWS::EC2::Volume"];
        var used = apps.Templates.Values.SelectMany(t => t["Resources"]!.AsObject().Select(r => (string)r.Value!["Type"]!)).ToHashSet();
        Assert.Empty(used.Intersect(holdsData).Except(TemplateTransition.StatefulTypes));
        Assert.Contains("DBInstanceIdentifier", TemplateTransition.CreateOnly("AWS::RDS::DBInstance"));
        Assert.Contains("Name", TemplateTransition.CreateOnly("AWS::SecretsManager::Secret"));
    }

    [Fact]
    public void Day_Two_Table_In_The_Docs_Is_Current()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "day-two.md");
        var expected = Render();
        if (System.Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            "docs/day-two.md is out of date: run UPDATE_DOCS=1 dotnet test --no-build --filter \"FullyQualifiedName~DayTwoTransitionTests\"");
    }

    private TemplateTransition Transition(DayTwoOperation operation) =>
        new(apps.Templates[operation.Before], apps.Templates[operation.After], operation.Allowed ?? []);

    private static string Single(JsonObject resources, string type) => resources.Single(r => (string?)r.Value!["Type"] == type).Key;

    private string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("# Day two: what a change does to a running deployment");
        text.AppendLine();
        text.AppendLine("<!-- Generated by DayTwoTransitionTests.Day_Two_Table_In_The_Docs_Is_Current from tests/Tfe.Cdk.Tests/Transitions/DayTwoOperations.cs; do not edit. -->");
        text.AppendLine();
        text.AppendLine("Each row is a test (`DayTwoTransitionTests`): the deployment is synthesized before and after the change, and every");
        text.AppendLine("stateful resource (" + string.Join(", ", TemplateTransition.StatefulTypes.Order(StringComparer.Ordinal).Select(t => $"`{t}`")) + ")");
        text.AppendLine("is compared by logical id against its CloudFormation schema's create-only properties (`tests/Tfe.Cdk.Tests/Transitions/create-only-properties.json`,");
        text.AppendLine("written by `tools/create-only-properties.py` from the schemas cfn-lint ships; CI checks it is current). A generated");
        text.AppendLine("secret must keep its generation settings (a change is a new random value). \"Nothing stateful\" means no stateful");
        text.AppendLine("property changes; \"in place\" lists the stateful properties CloudFormation updates without replacing the resource.");
        text.AppendLine();
        text.AppendLine("| operation | props | effect | stateful properties changed (in place, or what a \"never\" would replace) | added resource types | what it means |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var operation in DayTwoOperations.All)
        {
            if (operation.Expected == DayTwoEffect.Refused)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {operation.Name} | `{operation.Props}` | refused ({operation.RuleId}) | | | {operation.Note} |");
                continue;
            }

            var t = Transition(operation);
            var effect = t.Effect switch
            {
                DayTwoEffect.NothingStateful => "nothing stateful",
                DayTwoEffect.StatefulInPlace => "stateful, in place",
                DayTwoEffect.ReplacesNodes => t.InPlace.Count > 0 ? "replaces the nodes; stateful in place" : "replaces the nodes",
                DayTwoEffect.ReplacesStateful => "**replaces stateful resources: never**",
                _ => t.Effect.ToString(),
            };
            var inPlace = t.Effect == DayTwoEffect.ReplacesStateful
                ? string.Join("<br>", t.Violations.Select(v => v[(v.IndexOf(": ", StringComparison.Ordinal) + 2)..]).Distinct())
                : string.Join("<br>", t.InPlace.Select(p => $"`{p}`"));
            var added = string.Join(", ", t.Added.Select(p => p.Replace("AWS::", string.Empty, StringComparison.Ordinal)));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {operation.Name} | `{operation.Props}` | {effect} | {inPlace} | {added} | {operation.Note} |");
        }

        text.AppendLine();
        text.AppendLine("## Create-only by nature");
        text.AppendLine();
        text.AppendLine("These props name or shape a stateful resource; a change replaces it (their XML doc comments say so too). Set");
        text.AppendLine("them before the first deployment and never again:");
        text.AppendLine();
        foreach (var prop in CreateOnlyProps)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {prop}");
        }

        return text.ToString();
    }

    /// <summary>The props whose change replaces a stateful resource, with what it replaces.</summary>
    internal static readonly string[] CreateOnlyProps =
    [
        "`NamePrefix`, `AdoptNames`: the database identifier and the secrets' names (`DBInstanceIdentifier`, `Name`).",
        "`DisasterRecovery.NamePrefix`: must equal the deployment's prefix (refused otherwise); names the DR bucket and key alias.",
        "`Data.DatabaseName`, `Data.DatabaseUsername`: `DBName`, `MasterUsername`.",
        "`Data.EncryptionKey`: the database's `KmsKeyId` (and the buckets' and secrets' key).",
        "`Network` / `NetworkOptions` of the data subnets: the database's `DBSubnetGroupName`.",
        "`Redis.EncryptionKey`, `Redis.Port`: the cache's `KmsKeyId`, `Port` (a cache is re-paved, REDIS-9, but TFE loses its queue).",
        "`TfeDrRegionProps.RestoreSource`: keep it on every deploy after a cold failover (`SourceDBInstanceAutomatedBackupsArn`, `DBSnapshotIdentifier`).",
        "`TfeDrRegionProps.Promoted`: true once is true for good (un-promoting would replace the promoted database).",
    ];
}
