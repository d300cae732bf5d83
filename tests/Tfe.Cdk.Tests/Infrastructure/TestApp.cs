using Amazon.CDK;

namespace Tfe.Cdk.Tests;

/// <summary>Apps and stacks for tests: a fixed environment and the AZs from context, so no AWS call is ever made.</summary>
internal static class TestApp
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    static TestApp()
    {
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_KNOWN_BROKEN_NODE_VERSION", "1");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20,22,24");
    }

    /// <summary>A new app and stack in <see cref="Account"/>/<paramref name="region"/>, with three AZs in context.</summary>
    public static Stack NewStack(string? region = null, string id = "Test") =>
        new(NewApp(region), id, new StackProps { Env = Env(region) });

    /// <summary>A new app with three AZs per test region in context, writing to a temporary folder.</summary>
    public static App NewApp(string? region = null)
    {
        region ??= Region;
        return new App(new AppProps
        {
            Context = new Dictionary<string, object>
            {
                [$"availability-zones:account={Account}:region={region}"] = new[] { $"{region}a", $"{region}b", $"{region}c" },
            },
            AnalyticsReporting = false,
        });
    }

    /// <summary>The fixed test environment (the samples' default account and region).</summary>
    public static Amazon.CDK.Environment Env(string? region = null) => new() { Account = Account, Region = region ?? Region };
}
