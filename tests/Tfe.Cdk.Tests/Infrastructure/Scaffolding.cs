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
        NagSuppressions.Add(construct, applyToChildren: true, rules
            .Select(rule => new NagSuppressions.Suppression(rule, "Test scaffolding: the test defines this resource itself; it is not part of the library."))
            .ToArray());
        return construct;
    }
}
