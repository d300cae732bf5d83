using System.Reflection;
using System.Text.RegularExpressions;

namespace Tfe.Cdk.Tests.Docs;

/// <summary>
/// The rule table (docs/rules.md) cites tests; every citation must be a real test that carries that rule's trait. The
/// README indexes the same rule ids, each linked to the table.
/// </summary>
public sealed partial class RuleTableTests
{
    private static readonly string Table = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rules.md"));
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    [Fact]
    public void Every_Test_Cited_In_The_Rule_Table_Exists_And_Proves_That_Rule()
    {
        var tests = typeof(RuleTableTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (Name: $"{t.Name}.{m.Name}", Method: m)))
            .Where(x => x.Method.GetCustomAttributes<FactAttribute>().Any())
            .ToDictionary(x => x.Name, x => x.Method);
        var rows = RuleRow().Matches(Table);
        Assert.True(rows.Count >= 40, $"expected the rule table, found {rows.Count} rows");
        foreach (Match row in rows)
        {
            var rule = row.Groups["rule"].Value;
            foreach (Match cited in CitedTest().Matches(row.Groups["tests"].Value))
            {
                var name = cited.Groups[1].Value;
                Assert.True(tests.TryGetValue(name, out var method), $"docs/rules.md cites {name} for {rule}, but there is no such test");
                Assert.Contains(rule, TraitValues(method!));
            }
        }
    }

    [Fact]
    public void Readme_Indexes_Exactly_The_Rules_Of_The_Table_Each_Linked_To_Its_Section()
    {
        var table = RuleRow().Matches(Table).Select(m => m.Groups["rule"].Value).ToList();
        var index = IndexRow().Matches(Readme).Select(m => (Rule: m.Groups["rule"].Value, Anchor: m.Groups["anchor"].Value)).ToList();

        Assert.Equal(table, index.Select(x => x.Rule));
        var anchors = Heading().Matches(Table).Select(m => Anchor(m.Groups[1].Value)).ToHashSet();
        Assert.All(index, x => Assert.True(anchors.Contains(x.Anchor), $"README links {x.Rule} to docs/rules.md#{x.Anchor}, which is no heading there"));
    }

    private static IEnumerable<string> TraitValues(MethodInfo method) =>
        method.CustomAttributes
            .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Rule")
            .Select(a => (string)a.ConstructorArguments[1].Value!);

    /// <summary>The anchor a Markdown renderer gives a heading: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static string Anchor(string heading) =>
        Regex.Replace(heading.Trim().ToLowerInvariant(), @"[^a-z0-9 _-]", string.Empty).Replace(' ', '-');

    [GeneratedRegex(@"^\| (?<rule>[A-Z0-9]+-\d+) \|(?:[^|]*\|){3} (?<tests>[^|]*) \|$", RegexOptions.Multiline)]
    private static partial Regex RuleRow();

    [GeneratedRegex(@"^\| \[(?<rule>[A-Z0-9]+-\d+)\]\(docs/rules\.md#(?<anchor>[a-z0-9-]+)\) \|", RegexOptions.Multiline)]
    private static partial Regex IndexRow();

    [GeneratedRegex(@"^#{2,3} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"`([A-Za-z0-9]+\.[A-Za-z0-9_]+)`")]
    private static partial Regex CitedTest();
}
