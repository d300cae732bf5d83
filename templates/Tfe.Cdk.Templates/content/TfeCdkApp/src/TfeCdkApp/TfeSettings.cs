using Constructs;

namespace TfeCdkApp;

/// <summary>
/// What the app needs to know about your account, read from CDK context: the "context" section of cdk.json, or
/// <c>cdk deploy -c key=value</c>. See README.md, "Settings".
/// </summary>
public sealed record TfeSettings
{
    /// <summary>Context key of <see cref="Hostname"/>.</summary>
    public const string HostnameKey = "tfe:hostname";

    /// <summary>Context key of <see cref="CertificateArn"/>.</summary>
    public const string CertificateArnKey = "tfe:certificateArn";

    /// <summary>Context key of <see cref="LicenseSecretName"/>.</summary>
    public const string LicenseSecretNameKey = "tfe:licenseSecretName";

    /// <summary>Context key of <see cref="HostedZoneId"/>.</summary>
    public const string HostedZoneIdKey = "tfe:hostedZoneId";

    /// <summary>Context key of <see cref="HostedZoneName"/>.</summary>
    public const string HostedZoneNameKey = "tfe:hostedZoneName";

    /// <summary>The fully qualified domain name users reach TFE at.</summary>
    public required string Hostname { get; init; }

    /// <summary>The ARN of an ACM certificate for <see cref="Hostname"/>, in the stack's region.</summary>
    public required string CertificateArn { get; init; }

    /// <summary>The name of the Secrets Manager secret, in the stack's region, whose value is the raw TFE license string.</summary>
    public required string LicenseSecretName { get; init; }

    /// <summary>Optional: a Route 53 hosted zone in which the app defines an alias record for <see cref="Hostname"/>.</summary>
    public string? HostedZoneId { get; init; }

    /// <summary>The name of the zone <see cref="HostedZoneId"/> names (for example <c>corp.example.com</c>).</summary>
    public string? HostedZoneName { get; init; }

    /// <summary>Reads the settings from the context of <paramref name="node"/> (the app's, in Program.cs).</summary>
    /// <exception cref="InvalidOperationException">A required setting is missing, or a hosted zone is half given.</exception>
    public static TfeSettings FromContext(Node node)
    {
        var settings = new TfeSettings
        {
            Hostname = Required(node, HostnameKey),
            CertificateArn = Required(node, CertificateArnKey),
            LicenseSecretName = Required(node, LicenseSecretNameKey),
            HostedZoneId = Optional(node, HostedZoneIdKey),
            HostedZoneName = Optional(node, HostedZoneNameKey),
        };
        if ((settings.HostedZoneId is null) != (settings.HostedZoneName is null))
        {
            throw new InvalidOperationException(
                $"Set both {HostedZoneIdKey} and {HostedZoneNameKey} (a Route 53 zone for the alias record), or neither.");
        }

        return settings;
    }

    /// <summary>
    /// The context keys that still hold the example values the template wrote into cdk.json: a deployment with them
    /// would fail (no such certificate) or answer at a name nobody owns.
    /// </summary>
    public IEnumerable<string> ExampleValues()
    {
        if (Hostname.EndsWith("example.com", StringComparison.OrdinalIgnoreCase))
        {
            yield return HostnameKey;
        }

        if (CertificateArn.EndsWith(":certificate/00000000-0000-0000-0000-000000000000", StringComparison.Ordinal))
        {
            yield return CertificateArnKey;
        }
    }

    private static string Required(Node node, string key) =>
        Optional(node, key) ?? throw new InvalidOperationException(
            $"The CDK context value '{key}' is not set: set it in the \"context\" section of cdk.json, or give -c {key}=... " +
            "(the CDK CLI reads cdk.json; `dotnet run` on its own does not, so run the app with `cdk synth`).");

    private static string? Optional(Node node, string key) =>
        node.TryGetContext(key) is string { Length: > 0 } value ? value : null;
}
