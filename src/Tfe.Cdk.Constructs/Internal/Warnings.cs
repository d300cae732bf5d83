using Amazon.CDK;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Acknowledgeable warnings for choices the reference architecture allows but discourages. Ids are
/// <c>@tfe/cdk:&lt;topic&gt;</c>; users silence one with <c>Annotations.Of(scope).AcknowledgeWarning(id, reason)</c>.
/// </summary>
internal static class Warnings
{
    public const string Prefix = "@tfe/cdk:";

    /// <summary>Adds the warning <c>@tfe/cdk:{topic}</c> to <paramref name="scope"/>, its text led by the rule id.</summary>
    /// <remarks>The one call to the CDK's <c>Annotations</c> in the library: every warning comes through here.</remarks>
    public static void Add(IConstruct scope, string topic, string ruleId, string message) =>
        Annotations.Of(scope).AddWarningV2(Prefix + topic, $"{ruleId}: {message}");

    /// <summary>Adds a validator's advice (its <c>Advise</c> step) to <paramref name="scope"/>, in order.</summary>
    public static void Add(IConstruct scope, IEnumerable<Advice> advice)
    {
        foreach (var a in advice)
        {
            Add(scope, a.Topic, a.RuleId, a.Message);
        }
    }
}
