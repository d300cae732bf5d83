namespace Tfe.Cdk.Constructs;

/// <summary>One broken reference-architecture rule: which rule, which prop, the value given, and how to fix it.</summary>
/// <param name="RuleId">The rule id from the reference's rule list, for example <c>COMP-2</c>.</param>
/// <param name="PropertyName">The prop as the user writes it in C#, for example <c>InstanceType</c>.</param>
/// <param name="Value">The offending value as text.</param>
/// <param name="Problem">What is wrong, in the user's terms.</param>
/// <param name="Fix">What is allowed, or how to fix it.</param>
public sealed record TfeRuleViolation(string RuleId, string PropertyName, string Value, string Problem, string Fix)
{
    /// <summary>The violation as one line: <c>{RuleId}: {PropertyName} {Problem}, got {Value}. {Fix}</c>.</summary>
    public override string ToString() => $"{RuleId}: {PropertyName} {Problem}, got {Value}. {Fix}";
}
