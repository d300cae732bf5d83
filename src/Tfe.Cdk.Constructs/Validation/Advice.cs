namespace Tfe.Cdk.Constructs;

/// <summary>
/// A warning a validator's <c>Advise</c> step returns: a choice the reference allows but discourages. The construct adds
/// it with <c>Warnings.Add(scope, advice)</c> as <c>@tfe/cdk:{Topic}</c>, its text led by the rule id (docs/validation.md,
/// "The shape of a validator").
/// </summary>
internal sealed record Advice(string Topic, string RuleId, string Message);
