using Amazon.CDK;

namespace Tfe.Cdk.Tests;

/// <summary>Apps and stacks for tests: a fixed environment and the AZs from context, so no AWS call is ever made.</summary>
internal static class TestApp
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    /// <summary>The SSM parameter the default node image is looked up from (Amazon Linux 2023, x86_64), cached in context.</summary>
    public const string ImageParameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64";

    /// <summary>The node image every test app has in context: the repository's committed placeholder for us-east-1.</summary>
    public const string ImageId = "ami-0e2c8caa4b6378d8c";

    /// <summary>The context key under which the CDK caches the node image of <paramref name="region"/>.</summary>
    public static string ImageContextKey(string region) => $"ssm:account={Account}:parameterName={ImageParameter}:region={region}";

    /// <summary>A new app and stack in <see cref="Account"/>/<paramref name="region"/>, with three AZs in context.</summary>
    public static Stack NewStack(string? region = null, string id = "Test") =>
        new(NewApp(region), id, new StackProps { Env = Env(region) });

    /// <summary>
    /// A new app with three AZs and the node image per test region in context, so no test ever asks AWS. A synthesized app stays in
    /// <c>synthesized/&lt;FixtureName&gt;</c> beside the test assembly, where CI runs cfn-lint and cdk-nag over every
    /// scenario the tests build, not only the samples.
    /// </summary>
    public static App NewApp(string? region = null)
    {
        region ??= Region;
        return new App(new AppProps
        {
            Context = new Dictionary<string, object>
            {
                [$"availability-zones:account={Account}:region={region}"] = new[] { $"{region}a", $"{region}b", $"{region}c" },
                [ImageContextKey(region)] = ImageId,
            },
            Outdir = NextOutdir(),
            AnalyticsReporting = false,
            // No tree.json: nothing reads it (cfn-lint and cdk-nag take the templates and the manifest), and writing the
            // construct tree of every test app cost about a second of the run.
            TreeMetadata = false,
        });
    }

    private static readonly string SynthesizedRoot = ResetSynthesizedRoot();
    private static readonly Dictionary<string, int> Outdirs = [];

    /// <summary>
    /// The folder for the next app, named after the outermost fixture that asks for it, else the outermost test class (a
    /// fixture shared through a static <c>Lazy</c> is built under the first test class that reads it).
    /// </summary>
    private static string NextOutdir()
    {
        var callers = new System.Diagnostics.StackTrace().GetFrames()
            .Select(f => f.GetMethod()?.DeclaringType)
            .Select(t => t?.DeclaringType is { } outer && t.Name.StartsWith('<') ? outer : t)
            .Where(t => t is not null && t != typeof(TestApp) && t.Namespace?.StartsWith("Tfe.Cdk.Tests", StringComparison.Ordinal) == true)
            .ToList();
        var caller = callers.LastOrDefault(t => t!.Name.EndsWith("Fixture", StringComparison.Ordinal)) ?? callers.LastOrDefault();
        var name = caller?.Name ?? "App";
        lock (Outdirs)
        {
            Outdirs[name] = Outdirs.GetValueOrDefault(name) + 1;
            return Path.Combine(SynthesizedRoot, Outdirs[name] == 1 ? name : $"{name}-{Outdirs[name]}");
        }
    }

    private static string ResetSynthesizedRoot()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "synthesized");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        return root;
    }

    /// <summary>The fixed test environment (the samples' default account and region).</summary>
    public static Amazon.CDK.Environment Env(string? region = null) => new() { Account = Account, Region = region ?? Region };
}
