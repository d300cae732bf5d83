using System.Reflection;
using System.Text.RegularExpressions;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.Bootstrap;
using Tfe.Cdk.Tests.Data.DatabaseUser;

namespace Tfe.Cdk.Tests.Docs;

/// <summary>
/// What the docs name must exist: every prop a user can set has its row in the constructs page, every test a page cites
/// is a test of this assembly, and the counts of tests the README and the validation page give are this assembly's. No jsii.
/// </summary>
public sealed partial class DocReferencesTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    private static string Page(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", name));

    /// <summary>The option records whose props are rows of a table in docs/constructs.md (a topology's props include the app tier's options).</summary>
    private static readonly Type[] OptionTypes =
        [typeof(TfeActiveActiveProps), typeof(TfeStandaloneProps), typeof(TfeDataTierOptions), typeof(TfeRedisOptions), typeof(TfeNetworkProps)];

    /// <summary>The wiring records, whose added props the page names in its text; and the records documented on their own pages.</summary>
    private static readonly (Type Type, string Page)[] NamedTypes =
    [
        (typeof(TfeAppTierProps), "constructs.md"), (typeof(TfeDataTierProps), "constructs.md"), (typeof(TfeRedisProps), "constructs.md"),
        (typeof(TfeDrRegionProps), "disaster-recovery.md"), (typeof(TfeDrStorageProps), "disaster-recovery.md"), (typeof(TfeDashboardProps), "monitoring.md"),
    ];

    [Fact]
    public void Every_Prop_A_User_Can_Set_Is_Documented_With_Its_Default()
    {
        var constructs = Page("constructs.md");
        // A row's first cell may name several props (`PublicSubnets` / `PrivateSubnets` / `DataSubnets`).
        var rows = TableRow().Matches(constructs).SelectMany(m => Backticked().Matches(m.Groups[1].Value).Select(b => b.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var pages = NamedTypes.Select(n => n.Page).Distinct().ToDictionary(p => p, Page);
        var missing = OptionTypes
            .SelectMany(t => Settable(t, declaredOnly: false).Where(p => !rows.Contains(p)).Select(p => $"{t.Name}.{p} (no row in docs/constructs.md)"))
            .Concat(NamedTypes.SelectMany(n => Settable(n.Type, declaredOnly: true)
                .Where(p => !Regex.IsMatch(pages[n.Page], $@"\b{p}\b"))
                .Select(p => $"{n.Type.Name}.{p} (not named in docs/{n.Page})")))
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "Props without documentation: " + string.Join("; ", missing));
    }

    /// <summary>A citation may be the start of a test's name (<c>InitialAdminTests.With_InitialAdmin_...</c>, a <c>--filter</c>).</summary>
    [Fact]
    public void Every_Test_The_Docs_Cite_Exists()
    {
        var tests = typeof(DocReferencesTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttributes<FactAttribute>().Any()).Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Append(Path.Combine(RepositoryPaths.Root, "README.md"));
        var unknown = pages
            .SelectMany(page => CitedTest().Matches(File.ReadAllText(page)).Select(m => (Page: Path.GetFileName(page), Name: m.Groups[1].Value)))
            .Where(c => !tests.Any(t => t.StartsWith(c.Name, StringComparison.Ordinal)))
            .Select(c => $"{c.Page} cites {c.Name}")
            .Distinct()
            .ToList();
        Assert.True(unknown.Count == 0, "The docs cite tests that do not exist: " + string.Join("; ", unknown));
    }

    [Fact]
    public void Readme_Counts_The_Tests_That_Skip_Without_Bubblewrap_Or_PostgreSQL()
    {
        var methods = typeof(DocReferencesTests).Assembly.GetTypes().SelectMany(t => t.GetMethods()).ToList();

        // A skipped theory is reported once, whatever its data: one per method.
        var sandbox = methods.Count(m => m.GetCustomAttribute<SandboxFactAttribute>() is not null || m.GetCustomAttribute<SandboxTheoryAttribute>() is not null);
        var postgres = methods.Count(m => m.GetCustomAttribute<PostgresFactAttribute>() is not null);

        Assert.Equal(sandbox.ToString(System.Globalization.CultureInfo.InvariantCulture), HarnessCount().Match(Readme).Groups[1].Value);
        Assert.Equal(sandbox.ToString(System.Globalization.CultureInfo.InvariantCulture), SkippedWithoutBubblewrap().Match(Readme).Groups[1].Value);
        Assert.Equal((sandbox + postgres).ToString(System.Globalization.CultureInfo.InvariantCulture), SkippedWithNeither().Match(Readme).Groups[1].Value);
    }

    [Fact]
    public void Validation_Page_Counts_The_Input_Mistake_Cases()
    {
        var quoted = MistakeCount().Match(Page("validation.md"));
        Assert.True(quoted.Success, "docs/validation.md no longer says how many InputMistakeTests cases there are");
        Assert.Equal(Validation.InputMistakeTests.Cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), quoted.Groups[1].Value);
    }

    private static IEnumerable<string> Settable(Type type, bool declaredOnly) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | (declaredOnly ? BindingFlags.DeclaredOnly : 0))
            .Where(p => p.SetMethod is { IsPublic: true } && p.Name != "EqualityContract")
            .Select(p => p.Name);

    [GeneratedRegex(@"^\|([^|\n]*)\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`(\w+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"\b([A-Z]\w*Tests\.[A-Z][A-Za-z0-9_]+)")]
    private static partial Regex CitedTest();

    [GeneratedRegex(@"the (\d+) tests of the\s+\[bootstrap harness\]")]
    private static partial Regex HarnessCount();

    [GeneratedRegex(@"\(`Skipped: (\d+)` in the summary line")]
    private static partial Regex SkippedWithoutBubblewrap();

    [GeneratedRegex(@"one case per kind of mistake \((\d+) cases")]
    private static partial Regex MistakeCount();

    [GeneratedRegex(@"\(`Skipped: (\d+)` with neither\)")]
    private static partial Regex SkippedWithNeither();
}
