using Amazon.CDK;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The node image while its context lookup has not been performed. A cached lookup (the default image, which reads the
/// Amazon Linux 2023 SSM parameter once and caches it; <c>MachineImage.Lookup</c>; <c>MachineImage.FromSsmParameter</c>
/// with <c>CachedInContext</c>) returns the CDK's placeholder when the app's context lacks its key, so that the synth can
/// go on and the CDK CLI can perform the lookup and synthesize again. A template synthesized without the CLI's lookup
/// (the app run directly, a pipeline without AWS access, <c>cdk synth --no-lookups</c> that was not stopped) keeps the
/// placeholder as the launch template's image, from which no node can launch: warn, naming the key to commit.
/// </summary>
/// <remarks>
/// The placeholders are aws-cdk-lib 2.160's dummy values: <c>LookupMachineImage</c> returns <c>ami-1234</c>, and
/// <c>StringParameter.valueFromLookup</c> returns <c>dummy-value-for-&lt;parameter name&gt;</c>. Neither is a valid
/// AMI id (ami- and 8 or 17 hexadecimal digits), so no real image is mistaken for one.
/// </remarks>
internal static class NodeImagePlaceholder
{
    public const string Topic = "nodeImagePlaceholder";

    /// <summary>What <c>MachineImage.Lookup</c> returns before its lookup.</summary>
    internal const string AmiLookupPlaceholder = "ami-1234";

    /// <summary>What a cached SSM parameter lookup returns before its lookup, followed by the parameter's name.</summary>
    internal const string SsmLookupPlaceholderPrefix = "dummy-value-for-";

    /// <summary>True when <paramref name="imageId"/> is a lookup's placeholder rather than an image.</summary>
    public static bool IsPlaceholder(string? imageId) =>
        imageId is not null && (imageId == AmiLookupPlaceholder || imageId.StartsWith(SsmLookupPlaceholderPrefix, StringComparison.Ordinal));

    /// <summary>Adds the warning <c>@tfe/cdk:nodeImagePlaceholder</c> to <paramref name="scope"/> when the image is a placeholder.</summary>
    public static void WarnIfPlaceholder(Construct scope, string? imageId)
    {
        if (!IsPlaceholder(imageId))
        {
            return;
        }

        var stack = Stack.Of(scope);
        var key = imageId!.StartsWith(SsmLookupPlaceholderPrefix, StringComparison.Ordinal)
            // The key the CDK caches the SSM parameter under, as the CDK computes it (account, parameter, region).
            ? ContextProvider.GetKey(scope, new GetContextKeyOptions
            {
                Provider = "ssm",
                Props = new Dictionary<string, object> { ["parameterName"] = imageId[SsmLookupPlaceholderPrefix.Length..] },
            }).Key
            // An AMI lookup's key holds its filters, which the image does not expose: the manifest lists it.
            : $"ami:account={stack.Account}:...:region={stack.Region} (the AMI lookup's key, listed under \"missing\" in the cloud assembly's manifest.json)";
        Warnings.Add(scope, Topic, RuleIds.Comp1,
            $"the node image is still the CDK's lookup placeholder \"{imageId}\": the context has no value for {key}. "
            + "No node can launch from this template. Run `cdk synth` once with AWS credentials for "
            + $"{stack.Account}/{stack.Region} (the CDK CLI performs the lookup and writes the value into cdk.context.json), "
            + "then commit cdk.context.json; `cdk context` lists the cached values");
    }
}
