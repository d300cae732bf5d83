using System.Reflection;
using System.Text.RegularExpressions;

namespace Tfe.Cdk.Tests.Docs;

/// <summary>The README's rule table cites tests; every citation must be a real test that carries that rule's trait.</summary>
public sealed partial class ReadmeRuleTableTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    [Fact]
    public void Every_Test_Cited_In_The_Rule_Table_Exists_And_Proves_That_Rule()
    {
        var tests = typeof(ReadmeRuleTableTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (Name: $"{t.Name}.{m.Name}", Method: m)))
            .Where(x => x.Method.GetCustomAttributes<FactAttribute>().Any())
            .ToDictionary(x => x.Name, x => x.Method);
        var rows = RuleRow().Matches(Readme);
        Assert.True(rows.Count >= 40, $"expected the rule table, found {rows.Count} rows");
        foreach (Match row in rows)
        {
            var rule = row.Groups["rule"].Value;
            foreach (Match cited in CitedTest().Matches(row.Groups["tests"].Value))
            {
                var name = cited.Groups[1].Value;
                Assert.True(tests.TryGetValue(name, out var method), $"README cites {name} for {rule}, but there is no such test");
                Assert.Contains(rule, TraitValues(method!));
            }
        }
    }

    private static IEnumerable<string> TraitValues(MethodInfo method) =>
        method.CustomAttributes
            .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Rule")
            .Select(a => (string)a.ConstructorArguments[1].Value!);


    [GeneratedRegex(@"^\| (?<rule>[A-Z0-9]+-\d+) \|(?:[^|]*\|){3} (?<tests>[^|]*) \|$", RegexOptions.Multiline)]
    private static partial Regex RuleRow();

    [GeneratedRegex(@"`([A-Za-z0-9]+\.[A-Za-z0-9_]+)`")]
    private static partial Regex CitedTest();
}
