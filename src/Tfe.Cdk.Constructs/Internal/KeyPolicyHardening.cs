using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Two fixes to the statements CDK 2.160 itself writes into a key policy (the library's own statements are written right
/// from the start):
/// <list type="bullet">
/// <item><b>Every partition.</b> <c>Secret</c> with an <c>EncryptionKey</c> and <c>ISecret.GrantRead</c> hard-code
/// <c>kms:ViaService = secretsmanager.&lt;region&gt;.amazonaws.com</c>. The value is rebuilt on the region's URL suffix
/// (<c>AWS::URLSuffix</c>): unchanged in the commercial and GovCloud partitions (<c>amazonaws.com</c>), and
/// <c>amazonaws.com.cn</c> in China, the domain of every service endpoint there.</item>
/// <item><b>Grants only for AWS resources.</b> A statement that allows <c>kms:CreateGrant</c> (CDK's Secret lets Secrets
/// Manager create grants on the key for the account) gets <c>Bool kms:GrantIsForAWSResource = true</c>, so a grant can
/// only be created by an AWS service integrated with KMS on the principal's behalf (AWS Control Tower CT.KMS.PV.1).
/// The key's administration statement (<c>kms:*</c> for the account root, the default policy that delegates to IAM) is
/// left alone: it is how the account's IAM policies take effect at all.</item>
/// </list>
/// </summary>
/// <remarks>
/// It runs in the prepare phase, when every grant is in the policy: it resolves the key policy once, finds the statements
/// to change, and overrides just those values by their statement index (<c>KeyPolicy.Statement.N.Condition....</c>). A
/// key whose policy is changed after the aspects run (another aspect adding statements) keeps the indices of the existing
/// statements; statements added that late are not changed.
/// </remarks>
internal sealed partial class KeyPolicyHardening : DeputyBase, IAspect
{
    private readonly bool _grantsForAwsResourcesOnly;

    private KeyPolicyHardening(bool grantsForAwsResourcesOnly) => _grantsForAwsResourcesOnly = grantsForAwsResourcesOnly;

    /// <summary>Applies the fixes to the key policy of <paramref name="key"/> (nothing for an imported key).</summary>
    /// <param name="key">The key.</param>
    /// <param name="grantsForAwsResourcesOnly">
    /// Also restrict <c>kms:CreateGrant</c> statements: true for a key the library creates. A key the user passed in may
    /// carry CreateGrant statements of the user's own, which the library leaves as they are.
    /// </param>
    public static void Apply(IKey key, bool grantsForAwsResourcesOnly) => Aspects.Of(key).Add(new KeyPolicyHardening(grantsForAwsResourcesOnly));

    /// <inheritdoc/>
    public void Visit(IConstruct node)
    {
        if (node is not CfnKey key || key.KeyPolicy is null)
        {
            return;
        }

        var stack = Stack.Of(key);
        // Resolve (through jsii) into plain JSON: Newtonsoft serializes whatever object graph the runtime hands back.
        var resolved = Newtonsoft.Json.JsonConvert.SerializeObject(stack.Resolve(key.KeyPolicy));
        if (JsonNode.Parse(resolved)?["Statement"] is not JsonArray statements)
        {
            return;
        }

        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is not JsonObject statement)
            {
                continue;
            }

            if (statement["Condition"] is JsonObject condition)
            {
                foreach (var (op, keys) in condition)
                {
                    if (keys is JsonObject byKey && byKey["kms:ViaService"] is { } value && Rewrite(value) is { } rewritten)
                    {
                        key.AddPropertyOverride($"KeyPolicy.Statement.{i}.Condition.{op}.kms:ViaService", rewritten);
                    }
                }
            }

            if (_grantsForAwsResourcesOnly && (string?)statement["Effect"] == "Allow" && AllowsCreateGrant(statement["Action"])
                && statement["Condition"]?["Bool"]?["kms:GrantIsForAWSResource"] is null)
            {
                key.AddPropertyOverride($"KeyPolicy.Statement.{i}.Condition.Bool.kms:GrantIsForAWSResource", "true");
            }
        }
    }

    /// <summary>Whether the statement's actions name <c>kms:CreateGrant</c> itself (not the administration wildcard <c>kms:*</c>).</summary>
    private static bool AllowsCreateGrant(JsonNode? action) => action switch
    {
        JsonValue single => string.Equals((string?)single, "kms:CreateGrant", StringComparison.OrdinalIgnoreCase),
        JsonArray list => list.Any(a => string.Equals((string?)a, "kms:CreateGrant", StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    /// <summary>The value with every commercial endpoint name rebuilt on <c>AWS::URLSuffix</c>, or null when nothing changes.</summary>
    private static object? Rewrite(JsonNode value)
    {
        if (value is JsonValue single && single.TryGetValue<string>(out var name))
        {
            return Endpoint().Match(name) is { Success: true } m ? Suffixed(m) : null;
        }

        if (value is JsonArray list && list.All(v => v is JsonValue s && s.TryGetValue<string>(out _)))
        {
            var names = list.Select(v => v!.GetValue<string>()).ToList();
            return names.Any(n => Endpoint().IsMatch(n))
                ? names.Select(n => Endpoint().Match(n) is { Success: true } m ? Suffixed(m) : n).ToArray()
                : null;
        }

        return null;
    }

    private static string Suffixed(Match m) => Fn.Join(string.Empty, [m.Groups["prefix"].Value + ".", Aws.URL_SUFFIX]);

    /// <summary>A regional service endpoint name under the commercial domain: <c>secretsmanager.us-east-1.amazonaws.com</c>.</summary>
    [GeneratedRegex(@"^(?<prefix>[a-z0-9-]+\.[a-z]{2}(-[a-z]+)+-\d+)\.amazonaws\.com$", RegexOptions.CultureInvariant)]
    private static partial Regex Endpoint();
}
