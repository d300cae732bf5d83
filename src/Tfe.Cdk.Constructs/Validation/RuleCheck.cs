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
    private readonly List<(string Topic, string RuleId, string Message)> _warnings = [];

    /// <summary>Every violation recorded so far.</summary>
    public IReadOnlyList<TfeRuleViolation> Violations => _violations;

    /// <summary>Records a violation when <paramref name="broken"/> is true.</summary>
    public RuleCheck FailIf(bool broken, string ruleId, string property, object? value, string problem, string fix)
    {
        if (broken)
        {
            _violations.Add(new TfeRuleViolation(ruleId, property, Show(value), problem, fix));
        }

        return this;
    }

    /// <summary>The warnings recorded so far (values that cannot be checked at synth time, such as tokens).</summary>
    public IReadOnlyList<(string Topic, string RuleId, string Message)> Warnings => _warnings;

    /// <summary>Records a warning <c>@tfe/cdk:{topic}</c>, added to the construct by <see cref="ThrowIfAny(IConstruct)"/> when nothing is refused.</summary>
    public RuleCheck Warn(string topic, string ruleId, string message)
    {
        _warnings.Add((topic, ruleId, message));
        return this;
    }

    /// <summary>Records every violation and every warning of another check.</summary>
    public RuleCheck IncludeAll(RuleCheck other)
    {
        _violations.AddRange(other.Violations);
        _warnings.AddRange(other.Warnings);
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

    /// <summary>
    /// Throws one exception for <paramref name="scope"/> if any violation was recorded; otherwise adds the recorded
    /// warnings to <paramref name="scope"/>.
    /// </summary>
    public void ThrowIfAny(IConstruct scope)
    {
        ThrowIfAny(scope.Node.Path);
        foreach (var (topic, ruleId, message) in _warnings.Distinct())
        {
            global::Tfe.Cdk.Constructs.Warnings.Add(scope, topic, ruleId, message);
        }
    }

    /// <summary>A description shown as is after <c>got</c> (not quoted): for values that are not the user's text, such as <c>3 Availability Zones</c>.</summary>
    public static Shown Describe(string text) => new(text);

    /// <summary>Text shown after <c>got</c> without quotes.</summary>
    internal sealed record Shown(string Text)
    {
        public override string ToString() => Text;
    }

    /// <summary>True when the value is a CDK token (unknown until deployment), so it cannot be checked now.</summary>
    /// <remarks>
    /// A string token always carries a <c>Token[</c> marker (<c>${Token[TOKEN.12]}</c>, <c>#{Token[...]}</c>), so plain strings
    /// are answered here without a jsii round trip; only candidates are asked of the CDK.
    /// </remarks>
    public static bool IsToken(string? value) =>
        value is not null && value.Contains("Token[", StringComparison.Ordinal) && Token.IsUnresolved(value);

    /// <summary>
    /// The value as the message shows it: text quoted (so an empty or blank value is visible, and control characters
    /// escaped), <c>null</c> for nothing, numbers and booleans as C# writes them.
    /// </summary>
    internal static string Show(object? value) => value switch
    {
        null => "null",
        Shown shown => shown.Text,
        string s => Quote(s),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    /// <summary>Quotes text C#-style, escaping quotes, backslashes and control characters.</summary>
    internal static string Quote(string s)
    {
        var b = new System.Text.StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return b.Append('"').ToString();
    }
}
