using System.Reflection;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Validation;

/// <summary>No prop can skip validation: each has a test or a written reason (<see cref="PropCatalogue"/>).</summary>
public sealed class PropCatalogueTests
{
    /// <summary>Every public settable prop of every props/options record, as <c>DeclaringType.Prop</c>, and every public factory.</summary>
    internal static IReadOnlyList<string> PublicSurface()
    {
        var types = typeof(TfeStandalone).Assembly.GetExportedTypes();
        var props = types
            .Where(t => t.Name.Contains("Props", StringComparison.Ordinal) || t.Name.EndsWith("Options", StringComparison.Ordinal))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");
        var factories = types
            .Where(t => t.IsClass && !t.Name.Contains("Props", StringComparison.Ordinal) && !t.Name.EndsWith("Options", StringComparison.Ordinal)
                && !typeof(global::Constructs.Construct).IsAssignableFrom(t) && !typeof(Exception).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && m.GetParameters().Length > 0 && m.ReturnType == m.DeclaringType)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}()");
        return props.Concat(factories).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Every_Public_Prop_Has_A_Validation_Test_Or_A_Reason()
    {
        var missing = PublicSurface().Where(p => !PropCatalogue.Entries.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0,
            "Add these props to PropCatalogue with the test(s) that refuse their bad values, or a reason why any value is fine: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_Catalogue_Entry_Names_An_Existing_Prop_And_Existing_Tests()
    {
        var surface = PublicSurface().ToHashSet(StringComparer.Ordinal);
        var tests = typeof(PropCatalogueTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttributes<FactAttribute>().Any()).Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (prop, entries) in PropCatalogue.Entries)
        {
            if (!surface.Contains(prop))
            {
                problems.Add($"{prop}: no such public prop or factory");
            }

            if (entries.Length == 0)
            {
                problems.Add($"{prop}: no test and no reason");
            }

            foreach (var entry in entries)
            {
                var ok = entry switch
                {
                    _ when entry.StartsWith("case:", StringComparison.Ordinal) => InputMistakeTests.Cases.ContainsKey(entry["case:".Length..]),
                    _ when entry.StartsWith("test:", StringComparison.Ordinal) => tests.Contains(entry["test:".Length..]),
                    _ when entry.StartsWith("reason:", StringComparison.Ordinal) => entry.Length > "reason:".Length + 10,
                    _ => false,
                };
                if (!ok)
                {
                    problems.Add($"{prop}: '{entry}' names no existing case or test (or is not a reason)");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(System.Environment.NewLine, problems));
    }

    [Fact]
    public void Every_Mistake_Case_Is_Cited_In_The_Catalogue()
    {
        var cited = PropCatalogue.Entries.Values.SelectMany(e => e).Where(e => e.StartsWith("case:", StringComparison.Ordinal))
            .Select(e => e["case:".Length..]).ToHashSet(StringComparer.Ordinal);
        var uncited = InputMistakeTests.Cases.Keys.Where(k => !cited.Contains(k) && k != "Standalone props null").ToList();
        Assert.True(uncited.Count == 0, "Cite these cases under the prop they prove: " + string.Join(", ", uncited));
    }
}
