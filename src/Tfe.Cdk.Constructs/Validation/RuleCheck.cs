using Amazon.CDK;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Collects rule violations so that a validator reports all of them at once, then throws one
/// <see cref="TfeValidationException"/>. Validators are plain C# over plain values: testable without jsii.
/// </summary>
internal sealed class RuleCheck
{
    private readonly List<TfeRuleViolation> _violations = [];

    /// <summary>Every violation recorded so far.</summary>
    public IReadOnlyList<TfeRuleViolation> Violations => _violations;

    /// <summary>Records a violation when <paramref name="broken"/> is true.</summary>
    public RuleCheck FailIf(bool broken, string ruleId, string property, object? value, string problem, string fix)
    {
        if (broken)
        {
            _violations.Add(new TfeRuleViolation(ruleId, property, Describe(value), problem, fix));
        }

        return this;
    }

    /// <summary>Records every violation of another check.</summary>
    public RuleCheck Include(IEnumerable<TfeRuleViolation> violations)
    {
        _violations.AddRange(violations);
        return this;
    }

    /// <summary>Throws one exception naming the construct and listing every violation, if there is any.</summary>
    public void ThrowIfAny(string constructPath)
    {
        if (_violations.Count > 0)
        {
            throw new TfeValidationException(constructPath, _violations.ToList());
        }
    }

    /// <summary>Throws one exception for <paramref name="scope"/> if any violation was recorded.</summary>
    public void ThrowIfAny(IConstruct scope) => ThrowIfAny(scope.Node.Path);

    /// <summary>True when the value is a CDK token (unknown until deployment), so it cannot be checked now.</summary>
    /// <remarks>
    /// A string token always carries a <c>Token[</c> marker (<c>${Token[TOKEN.12]}</c>, <c>#{Token[...]}</c>), so plain strings
    /// are answered here without a jsii round trip; only candidates are asked of the CDK.
    /// </remarks>
    public static bool IsToken(string? value) =>
        value is not null && value.Contains("Token[", StringComparison.Ordinal) && Token.IsUnresolved(value);

    private static string Describe(object? value) => value switch
    {
        null => "(not set)",
        string s when s.Length == 0 => "\"\" (empty)",
        string s => s,
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "(not set)",
    };
}
