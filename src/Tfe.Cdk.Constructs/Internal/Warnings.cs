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
    public static void Add(IConstruct scope, string topic, string ruleId, string message) =>
        Annotations.Of(scope).AddWarningV2(Prefix + topic, $"{ruleId}: {message}");
}
