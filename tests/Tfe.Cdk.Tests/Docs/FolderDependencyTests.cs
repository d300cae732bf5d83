using System.Text.RegularExpressions;

namespace Tfe.Cdk.Tests.Docs;

/// <summary>
/// The library is one namespace, so the compiler cannot keep its folders from depending on each other: this test keeps
/// the direction docs/design-notes.md states. <c>Deployment/</c> (the contract a DR region reads and the pair's shared
/// half) uses neither <c>Topologies/</c> nor <c>Dr/</c>; <c>Topologies/</c> uses <c>Deployment/</c> and not <c>Dr/</c>;
/// <c>Dr/</c> may use both. A type counts as used when its name appears in code: comments (XML doc references included)
/// and string literals (messages that name a construct) are not dependencies.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Source = Path.Combine(RepositoryPaths.Root, "src", "Tfe.Cdk.Constructs");

    [Theory]
    [InlineData("Deployment", "Topologies")]
    [InlineData("Deployment", "Dr")]
    [InlineData("Topologies", "Dr")]
    public void A_Folder_Uses_No_Type_Of_A_Folder_That_Depends_On_It(string folder, string forbidden)
    {
        var types = DeclaredTypes(forbidden);
        Assert.NotEmpty(types);
        var uses = Files(folder)
            .SelectMany(file => Identifier().Matches(Code(File.ReadAllText(file)))
                .Select(m => m.Value)
                .Where(types.Contains)
                .Distinct()
                .Select(type => $"{Path.GetRelativePath(Source, file)} uses {forbidden}/{type}"))
            .ToList();
        Assert.True(uses.Count == 0, $"{folder}/ must not depend on {forbidden}/ (docs/design-notes.md):\n" + string.Join("\n", uses));
    }

    [Fact]
    public void The_Contract_A_Dr_Region_Reads_Lives_In_Deployment()
    {
        var types = DeclaredTypes("Deployment");
        Assert.Contains("ITfeDeployment", types);
        Assert.Contains("TfeDisasterRecovery", types);
        Assert.Contains("TfePhysicalNames", types);
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories);

    private static HashSet<string> DeclaredTypes(string folder) => Files(folder)
        .SelectMany(file => Declaration().Matches(Code(File.ReadAllText(file))).Select(m => m.Groups["name"].Value))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The text without comments and string literals (an approximation that is exact for this code base).</summary>
    private static string Code(string text) => LineComment().Replace(StringLiteral().Replace(text, "\"\""), string.Empty);

    [GeneratedRegex(@"\b(?:class|record|interface|enum|struct)\s+(?<name>I?Tfe\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Za-z_]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();
}
