using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.SecretsManager;

namespace Tfe.Cdk.Constructs;

/// <summary>COMP-4: where the image is pulled from (<see cref="TfeAppTierOptions.ImageSource"/>).</summary>
internal static partial class TfeAppTierPropsValidator
{
    private const string ImageSourceProp = "ImageSource";

    /// <summary>Refuses an ECR source without a repository or with a name ECR refuses, and a malformed other registry.</summary>
    private static void CheckImageSource(RuleCheck check, TfeImageSource? source, string region)
    {
        switch (source?.Login)
        {
            case TfeImageLogin.Ecr:
                CheckEcrSource(check, source);
                break;
            case TfeImageLogin.Secret:
                CheckRegistrySource(check, source, region);
                break;
        }
    }

    private static void CheckEcrSource(RuleCheck check, TfeImageSource source)
    {
        if (Inputs.RefuseNull(check, RuleIds.Comp4, ImageSourceProp, source.EcrRepository,
                "Pass the ECR repository the image was copied into: TfeImageSource.FromEcr(Repository.FromRepositoryName(this, \"TfeImages\", \"hashicorp/terraform-enterprise\"))"))
        {
            return;
        }

        var arn = source.EcrRepository!.RepositoryArn;
        var parsed = RuleCheck.IsToken(arn) ? null : Inputs.ParseArn(arn);
        check.FailIf(!RuleCheck.IsToken(arn) && (parsed is null || (!RuleCheck.IsToken(parsed.Service) && parsed.Service != "ecr")),
            RuleIds.Comp4, ImageSourceProp, arn, "is not the ARN of an ECR repository (arn:aws:ecr:<region>:<account>:repository/<name>)",
            "Import the repository by name (Repository.FromRepositoryName) or by its ARN, such as arn:aws:ecr:us-east-1:123456789012:repository/hashicorp/terraform-enterprise");
        var name = source.EcrRepository.RepositoryName;
        if (name is not null && !RuleCheck.IsToken(name))
        {
            check.FailIf(name.Length is < 2 or > 256 || !RepositoryPath().IsMatch(name), RuleIds.Comp4, ImageSourceProp, name,
                "is not an ECR repository name",
                "Use 2 to 256 lower-case letters, digits and the separators '.', '_', '-' and '/' between them, such as hashicorp/terraform-enterprise");
        }
    }

    private static void CheckRegistrySource(RuleCheck check, TfeImageSource source, string region)
    {
        var repository = source.Repository;
        if (!Inputs.RefuseBlank(check, RuleIds.Comp4, ImageSourceProp, repository,
                "Pass the image repository without tag, such as registry.example.com/hashicorp/terraform-enterprise")
            && !Inputs.RefuseToken(check, RuleIds.Comp4, ImageSourceProp, repository,
                "the node logs in to the registry host it names, and the host and path are checked here"))
        {
            var match = RegistryRepository().Match(repository!);
            check.FailIf(!match.Success, RuleIds.Comp4, ImageSourceProp, repository,
                "is not an image repository of another registry (host[:port]/path, lower case, without scheme, tag or digest)",
                "Use a form such as registry.example.com/hashicorp/terraform-enterprise or 10.0.5.10:5000/tfe; the tag is TfeVersion and the digest ImageDigest");
            check.FailIf(match.Success && match.Groups["host"].Value == HashiCorpRegistry, RuleIds.Comp4, ImageSourceProp, repository,
                "names HashiCorp's registry, which takes the license as its password, not a secret",
                "Use TfeImageSource.HashiCorp() (the default) for HashiCorp's registry");
            check.FailIf(match.Success && match.Groups["port"].Success
                    && (!int.TryParse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535),
                RuleIds.Comp4, ImageSourceProp, repository, "has a port outside 1 to 65535", "Use the registry's port, such as 443 (the default) or 5000");
        }

        if (Inputs.RefuseNull(check, RuleIds.Comp4, "ImageSource.Credentials", source.Credentials,
                "Pass the secret that holds the registry's {\"username\": ..., \"password\": ...}"))
        {
            return;
        }

        Inputs.CheckArn(check, RuleIds.Comp4, "ImageSource.Credentials", source.Credentials!.SecretArn, "secretsmanager", region,
            "the node reads it with the stack's region at boot");
        if (CredentialsProblem(source.Credentials) is { } problem)
        {
            check.FailIf(true, RuleIds.Comp4, "ImageSource.Credentials", RuleCheck.Describe(problem.Shown), problem.Problem,
                "Store JSON with both keys: {\"username\": \"...\", \"password\": \"...\"} (Secret with SecretObjectValue, or GenerateSecretString with SecretStringTemplate {\"username\":\"...\"} and GenerateStringKey \"password\")");
        }
    }

    /// <summary>
    /// What is wrong with a credentials secret defined in the app whose value is known at synth: a literal string that is
    /// not JSON with string <c>username</c> and <c>password</c>, or a generated value without both keys. Null when it is
    /// fine or cannot be known (an imported secret, a token value): the node checks it at boot.
    /// </summary>
    private static (string Shown, string Problem)? CredentialsProblem(ISecret credentials)
    {
        if (credentials is not Secret { Node.DefaultChild: CfnSecret cfn })
        {
            return null;
        }

        var stack = Stack.Of(cfn);
        // SecretValue.UnsafePlainText(...) arrives as a token that resolves to the literal; a real deploy-time value does not.
        if (cfn.SecretString is { } value && Resolved(stack, value) is { } literal)
        {
            var keys = JsonKeys(literal);
            return keys is not null && keys.Contains("username") && keys.Contains("password")
                ? null
                : ("a secret whose value has " + (keys is null ? "no JSON object" : "the keys [" + string.Join(", ", keys.Order(StringComparer.Ordinal)) + "]"),
                    "is not JSON with a username and a password, which the node passes to docker login");
        }

        if (cfn.GenerateSecretString is null)
        {
            return null;
        }

        using var generate = JsonDocument.Parse(JsonSerializer.Serialize(stack.Resolve(cfn.GenerateSecretString)));
        if (generate.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Field(string name) => generate.RootElement.EnumerateObject()
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
        var template = Field("secretStringTemplate");
        var key = Field("generateStringKey");
        if ((template is not null && RuleCheck.IsToken(template)) || (key is not null && RuleCheck.IsToken(key)))
        {
            return null;
        }

        var templateKeys = template is null ? [] : JsonKeys(template) ?? [];
        var generated = key is null ? templateKeys : [.. templateKeys, key];
        return generated.Contains("username") && generated.Contains("password")
            ? null
            : ("a generated secret with the keys [" + string.Join(", ", generated.Order(StringComparer.Ordinal)) + "]" + (template is null ? " (a plain generated string)" : string.Empty),
                "will not hold JSON with a username and a password, which the node passes to docker login");
    }

    /// <summary>A text's value once resolved, when that is a plain string; null for a deploy-time value.</summary>
    private static string? Resolved(Stack stack, string value)
    {
        if (!RuleCheck.IsToken(value))
        {
            return value;
        }

        return stack.Resolve(value) is string text && !RuleCheck.IsToken(text) ? text : null;
    }

    /// <summary>The string-valued keys of a JSON object, or null when the text is not a JSON object.</summary>
    private static HashSet<string>? JsonKeys(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private const string HashiCorpRegistry = "images.releases.hashicorp.com";

    /// <summary>Docker's path components: lower-case alphanumerics joined by <c>.</c>, <c>_</c>, <c>__</c> or dashes, separated by <c>/</c>.</summary>
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPath();

    /// <summary>
    /// <c>host[:port]/path</c>: the host a lower-case DNS name with at least one dot, or an IPv4 address (Docker reads a
    /// first component without a dot or port as a Docker Hub namespace); the path Docker's components; no tag, no digest.
    /// </summary>
    [GeneratedRegex(@"^(?<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?::(?<port>[0-9]{1,5}))?/(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryRepository();
}
