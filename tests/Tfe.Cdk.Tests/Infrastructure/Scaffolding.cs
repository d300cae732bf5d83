using Constructs;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests;

/// <summary>
/// Resources a test defines itself (a topic, a role) are not the library's: CI runs cdk-nag over every synthesized test
/// scenario, and these suppressions say which findings belong to test scaffolding rather than to a construct.
/// </summary>
internal static class Scaffolding
{
    public static T Nag<T>(T construct, params string[] rules)
        where T : IConstruct
    {
        // The compliance packs flag the same scaffolding under their own ids: a plain topic (SNSEncryptedKMS), a test
        // role's policy (IAMNoInlinePolicy). Suppress those controls in every pack along with the AwsSolutions rule.
        var ids = rules.SelectMany(rule => Controls.FirstOrDefault(c => c.AwsSolutions == rule || c.Rule == rule)?.Ids ?? [rule]).Distinct();
        NagSuppressions.Add(construct, applyToChildren: true, ids
            .Select(rule => new NagSuppressions.Suppression(rule, "Test scaffolding: the test defines this resource itself; it is not part of the library."))
            .ToArray());
        return construct;
    }

    private static readonly NagControl[] Controls = [NagControls.TopicKmsEncryption, NagControls.InlinePolicy];
}
