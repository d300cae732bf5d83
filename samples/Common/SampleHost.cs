using System.Reflection;
using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.CXAPI;

namespace Tfe.Cdk.Samples;

/// <summary>
/// What every sample shares: an App with the committed context (so synth is offline and deterministic), the target
/// environment, deploy-time settings read from context, and a summary printed after synth.
/// </summary>
internal static class SampleHost
{
    /// <summary>The account and region used when CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION are not set (no AWS account needed).</summary>
    public const string DefaultAccount = "123456789012";
    public const string DefaultRegion = "us-east-1";

    public static App NewApp()
    {
        // jsii prints a banner for Node versions it has not certified or that reached end of life; it is noise here.
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_KNOWN_BROKEN_NODE_VERSION", "1");
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20,22,24");

        // The CDK CLI passes cdk.context.json itself (CDK_CONTEXT_JSON); `dotnet run` does not, so read it here.
        var context = System.Environment.GetEnvironmentVariable("CDK_CONTEXT_JSON") is null ? CommittedContext() : null;
        return new App(new AppProps { Context = context, Outdir = Outdir(), AnalyticsReporting = false });
    }

    /// <summary>
    /// Where the cloud assembly goes: <c>CDK_OUTDIR</c> when set (the CDK CLI sets it from <c>--output</c>, CI and the
    /// benchmark set it), else <c>cdk.out/&lt;SampleName&gt;</c>, so samples never share a folder and one sample's
    /// manifest never sits beside another's templates. Outside the CLI an App would write to a temporary folder.
    /// </summary>
    private static string Outdir()
    {
        if (System.Environment.GetEnvironmentVariable("CDK_OUTDIR") is { Length: > 0 } outdir)
        {
            return outdir;
        }

        var sample = Assembly.GetEntryAssembly()?.GetName().Name ?? "Sample";
        var folder = Path.Combine("cdk.out", sample);
        // The folder is this sample's own: start it empty, so a renamed or removed stack leaves no stale template.
        if (File.Exists(Path.Combine(folder, "manifest.json")))
        {
            Directory.Delete(folder, recursive: true);
        }

        return folder;
    }

    public static Amazon.CDK.Environment Environment(string? region = null) => new()
    {
        Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT") ?? DefaultAccount,
        Region = region ?? System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION") ?? DefaultRegion,
    };

    /// <summary>What a user sets (as CDK context, <c>-c key=value</c>) to deploy a sample for real.</summary>
    public static readonly IReadOnlyList<(string Key, string Meaning)> Settings =
    [
        ("tfe:hostname", "the FQDN users reach TFE at"),
        ("tfe:certificateArn", "an ACM certificate covering that hostname"),
        ("tfe:licenseSecretName", "a Secrets Manager secret holding the TFE license string"),
        ("tfe:hostedZoneId / tfe:hostedZoneName", "optional: a Route 53 zone for the alias record"),
    ];

    /// <summary>The deploy-time settings from context (<c>cdk deploy -c tfe:hostname=...</c>), placeholders where unset.</summary>
    public static DeploySettings ReadSettings(App app, Stack stack)
    {
        var zoneId = Setting(app, "tfe:hostedZoneId", string.Empty);
        return new DeploySettings(
            Setting(app, "tfe:hostname", "tfe.example.com"),
            Secret.FromSecretNameV2(stack, "License", Setting(app, "tfe:licenseSecretName", "tfe/license")),
            Certificate.FromCertificateArn(stack, "Certificate", Setting(app, "tfe:certificateArn",
                $"arn:{Partition(stack)}:acm:{stack.Region}:{stack.Account}:certificate/00000000-0000-0000-0000-000000000000")),
            zoneId.Length == 0 ? null : HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes
            {
                HostedZoneId = zoneId,
                ZoneName = Setting(app, "tfe:hostedZoneName", string.Empty),
            }));
    }

    /// <summary>
    /// The partition of the stack's region (<c>aws</c>, <c>aws-us-gov</c>, <c>aws-cn</c>) as a literal when the region is
    /// known, so the placeholder ARN is valid in GovCloud and China too; <c>AWS::Partition</c> for an environment-agnostic stack.
    /// </summary>
    private static string Partition(Stack stack) =>
        Token.IsUnresolved(stack.Region) ? stack.Partition : Amazon.CDK.RegionInfo.RegionInfo.Get(stack.Region).Partition ?? stack.Partition;

    private static string Setting(App app, string key, string placeholder) =>
        app.Node.TryGetContext(key) is string value && value.Length > 0 ? value : placeholder;

    /// <summary>Synthesizes and prints what was produced and what to set for a real deployment.</summary>
    public static void SynthAndSummarize(App app)
    {
        var assembly = app.Synth();
        Console.WriteLine($"Synthesized into {assembly.Directory}");
        foreach (var artifact in assembly.Artifacts.OfType<CloudFormationStackArtifact>())
        {
            var path = Path.Combine(assembly.Directory, artifact.TemplateFile);
            using var template = JsonDocument.Parse(File.ReadAllText(path));
            var types = template.RootElement.GetProperty("Resources").EnumerateObject()
                .Select(r => r.Value.GetProperty("Type").GetString() ?? "?")
                .Where(t => t != "AWS::CDK::Metadata")
                .GroupBy(t => t)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            Console.WriteLine();
            Console.WriteLine($"Stack {artifact.StackName} ({artifact.Environment.Account}/{artifact.Environment.Region}): {types.Sum(g => g.Count())} resources");
            Console.WriteLine($"  template: {Path.GetRelativePath(System.Environment.CurrentDirectory, path)}");
            foreach (var group in types)
            {
                Console.WriteLine($"  {group.Count(),4}  {group.Key}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("To deploy for real (`npx --prefix tools cdk deploy --all` with AWS credentials), set:");
        foreach (var (key, meaning) in Settings)
        {
            Console.WriteLine($"  -c {key}=...  {meaning}");
        }
    }

    private static Dictionary<string, object>? CommittedContext()
    {
        for (var dir = new DirectoryInfo(System.Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "cdk.context.json");
            if (File.Exists(file))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value));
            }
        }

        return null;
    }

    private static object ToObject(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => e.EnumerateArray().Select(ToObject).ToArray(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value)),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => e.GetString() ?? string.Empty,
    };
}

/// <summary>The deploy-time settings a sample reads from context.</summary>
internal sealed record DeploySettings(string Hostname, ISecret License, ICertificate Certificate, IHostedZone? HostedZone);
