using System.Globalization;
using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// A TFE release tag: semantic (<c>1.2.2</c>, the scheme since 2025) or calendar (<c>v202507-1</c>, before it).
/// The tag decides the health endpoint the node and the load balancer probe.
/// </summary>
internal sealed partial record TfeRelease(string Tag, int Major, int Minor, bool IsCalendar)
{
    /// <summary>The readiness endpoint for semantic releases from 1.2; <c>/_health_check</c> before (and for calendar tags).</summary>
    public string HealthPath => !IsCalendar && (Major > 1 || (Major == 1 && Minor >= 2))
        ? "/api/v1/health/readiness"
        : "/_health_check";

    public static TfeRelease? Parse(string? tag)
    {
        if (tag is null)
        {
            return null;
        }

        var semantic = Semantic().Match(tag);
        if (semantic.Success)
        {
            return new TfeRelease(tag, Int(semantic, "major"), Int(semantic, "minor"), IsCalendar: false);
        }

        var calendar = Calendar().Match(tag);
        return calendar.Success ? new TfeRelease(tag, Int(calendar, "year"), Int(calendar, "month"), IsCalendar: true) : null;
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<major>\d+)\.(?<minor>\d+)\.(?<patch>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Semantic();

    [GeneratedRegex(@"^v(?<year>20\d\d)(?<month>0[1-9]|1[0-2])-(?<n>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Calendar();
}
