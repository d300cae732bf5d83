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
    public static Stack NewStack(string? region = null, string id = "Test")
    {
        region ??= Region;
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object>
            {
                [$"availability-zones:account={Account}:region={region}"] = new[] { $"{region}a", $"{region}b", $"{region}c" },
            },
            AnalyticsReporting = false,
        });
        return new Stack(app, id, new StackProps { Env = new Amazon.CDK.Environment { Account = Account, Region = region } });
    }
}
