namespace Tfe.Cdk.Constructs;

/// <summary>
/// Thrown at construction time when props break one or more rules of the TFE AWS reference architecture.
/// </summary>
/// <remarks>
/// The message lists every violation found, one per line, so that all of them can be fixed in one pass.
/// Each names the rule id, the prop, the value given and what is allowed.
/// </remarks>
public sealed class TfeValidationException : Exception
{
    /// <summary>Defines an exception for the given construct path and violations.</summary>
    /// <param name="constructPath">The path of the construct whose props were rejected.</param>
    /// <param name="violations">Every violation found; at least one.</param>
    public TfeValidationException(string constructPath, IReadOnlyList<TfeRuleViolation> violations)
        : base(Format(constructPath, violations))
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
        {
            throw new ArgumentException("At least one violation is required.", nameof(violations));
        }

        ConstructPath = constructPath;
        Violations = violations;
    }

    /// <summary>The construct path (for example <c>Stack/Tfe/App</c>) whose props were rejected.</summary>
    public string ConstructPath { get; }

    /// <summary>Every violation found, in the order the rules were checked.</summary>
    public IReadOnlyList<TfeRuleViolation> Violations { get; }

    /// <summary>The rule id of the first violation.</summary>
    public string RuleId => Violations[0].RuleId;

    /// <summary>The prop named by the first violation.</summary>
    public string PropertyName => Violations[0].PropertyName;

    /// <summary>The distinct rule ids of all violations.</summary>
    public IReadOnlyList<string> RuleIds => Violations.Select(v => v.RuleId).Distinct().ToList();

    private static string Format(string path, IReadOnlyList<TfeRuleViolation> violations)
    {
        var count = violations?.Count ?? 0;
        var header = $"{path}: {count} violation{(count == 1 ? string.Empty : "s")} of the TFE AWS reference architecture:";
        return violations is null ? header : header + Environment.NewLine + string.Join(Environment.NewLine, violations.Select(v => "  - " + v));
    }
}
