namespace Tfe.Cdk.Tests;

/// <summary>
/// Files of the repository, found from the test assembly's folder upwards. Not <c>[CallerFilePath]</c>: a CI build
/// (<c>ContinuousIntegrationBuild</c>) maps source paths to <c>/_/</c>, which exists nowhere on disk.
/// </summary>
internal static class RepositoryPaths
{
    public static readonly string Root = FindRoot();

    public static string Tests => Path.Combine(Root, "tests", "Tfe.Cdk.Tests");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tfe.Cdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Tfe.Cdk.sln above {AppContext.BaseDirectory}");
    }
}
