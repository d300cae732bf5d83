using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The checks every prop shares, whatever its tier: missing values, tokens, values that cannot come from an enum, Durations,
/// ARNs, CIDRs, instance type names and subnet selections. Each records a violation (or a token warning) on a
/// <see cref="RuleCheck"/>, so a construct still reports every mistake at once; none throws.
/// </summary>
internal static partial class Inputs
{
    /// <summary>The warning topic for a value that is a token, so it cannot be checked until deployment.</summary>
    public const string UnvalidatedToken = "unvalidatedToken";

    /// <summary>True for null, empty or whitespace-only text.</summary>
    public static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>
    /// True when an <c>int</c> prop holds what a token number becomes when cast to <c>int</c>: the CDK encodes a deploy-time
    /// number (a <c>CfnParameter</c>'s <c>ValueAsNumber</c>, an imported value) as a huge negative double (about
    /// -1.8881545897087626e+289), which .NET's saturating conversion turns into <see cref="int.MinValue"/>.
    /// </summary>
    public static bool IsTokenNumber(int? value) => value == int.MinValue;

    /// <summary>Refuses a token number cast to <c>int</c>; returns true when it was one (so the caller skips its range checks).</summary>
    public static bool RefuseTokenNumber(RuleCheck check, string ruleId, string property, int? value)
    {
        var token = IsTokenNumber(value);
        check.FailIf(token, ruleId, property, RuleCheck.Describe($"{int.MinValue} (a token number cast to int)"),
            "is a deploy-time value (a CfnParameter or imported number, encoded by the CDK as about -1.888e+289, which becomes int.MinValue when cast to int), but it must be known at synth time",
            "Pass a literal number; a CfnParameter cannot choose it");
        return token;
    }

    /// <summary>Refuses text that is a token (<c>CfnParameter.ValueAsString</c>, <c>Fn.ImportValue</c>, an attribute).</summary>
    /// <returns>True when the value was a token.</returns>
    public static bool RefuseToken(RuleCheck check, string ruleId, string property, string? value, string why)
    {
        var token = RuleCheck.IsToken(value);
        check.FailIf(token, ruleId, property, RuleCheck.Describe("a token (" + value + ")"),
            "is a deploy-time value (a token), but it must be known at synth time: " + why,
            "Pass a literal value");
        return token;
    }

    /// <summary>Warns that a prop is a token, so the construct could not check it.</summary>
    public static void WarnToken(RuleCheck check, string ruleId, string property, string what) =>
        check.Warn(UnvalidatedToken, ruleId,
            $"{property} is a deploy-time value (a token), so {what} could not be checked at synth time; make sure the deployed value does.");

    /// <summary>Refuses a required text prop that is null, empty or whitespace only.</summary>
    /// <returns>True when the value was missing (so the caller skips its format checks).</returns>
    public static bool RefuseBlank(RuleCheck check, string ruleId, string property, string? value, string fix)
    {
        var blank = IsBlank(value);
        check.FailIf(blank, ruleId, property, value, "is required and must not be empty or blank", fix);
        return blank;
    }

    /// <summary>Refuses a required object prop that is null (a <c>required</c> member set to null, or a null from a factory).</summary>
    public static bool RefuseNull(RuleCheck check, string ruleId, string property, object? value, string fix)
    {
        check.FailIf(value is null, ruleId, property, null, "is required and must not be null", fix);
        return value is null;
    }

    /// <summary>Refuses an enum value outside the enum (for example <c>(TfeLoadBalancerType)42</c>).</summary>
    public static void RefuseUndefined<T>(RuleCheck check, string ruleId, string property, T? value)
        where T : struct, Enum =>
        check.FailIf(value is { } v && !Enum.IsDefined(v), ruleId, property, RuleCheck.Describe($"({typeof(T).Name}){Convert.ToInt64(value, CultureInfo.InvariantCulture)}"),
            $"is not a value of {typeof(T).Name}",
            $"Use one of {string.Join(", ", Enum.GetNames<T>().Select(n => typeof(T).Name + "." + n))}");

    /// <summary>
    /// A Duration in seconds, or null when unset; a token Duration is refused (its value is needed at synth time to render
    /// the node's script and lifecycle settings, and the CDK cannot convert a token between units).
    /// </summary>
    public static double? Seconds(RuleCheck check, string ruleId, string property, Duration? duration)
    {
        check.FailIf(IsTokenDuration(duration), ruleId, property, RuleCheck.Describe("a token Duration"),
            "is a deploy-time value (a token), but the construct needs its value at synth time",
            "Pass a literal Duration such as Duration.Minutes(30)");
        return PlainSeconds(duration);
    }

    /// <summary>True when a Duration is a token (<c>Duration.Minutes(param.ValueAsNumber)</c>): unknown until deployment.</summary>
    /// <remarks>
    /// Ask the Duration itself (<see cref="Duration.IsUnresolved"/>): <c>Token.IsUnresolved(duration)</c> answers false for a
    /// Duration object, and a token Duration's <c>ToSeconds()</c> throws a raw jsii error unless it was made in seconds.
    /// </remarks>
    public static bool IsTokenDuration(Duration? duration) => duration is not null && duration.IsUnresolved();

    /// <summary>
    /// The one way the library reads a Duration before it is validated: its seconds (fractions kept, so whole-unit rules can
    /// be checked), or null when unset or a token. Never throws; the caller refuses a token with <see cref="Seconds"/>.
    /// </summary>
    public static double? PlainSeconds(Duration? duration) =>
        duration is null || IsTokenDuration(duration) ? null : duration.ToSeconds(new TimeConversionOptions { Integral = false });

    /// <summary>The parts of an ARN: <c>arn:partition:service:region:account:resource</c>.</summary>
    public sealed record Arn(string Partition, string Service, string Region, string Account, string Resource);

    /// <summary>Reads an ARN, or null when the text is not one.</summary>
    public static Arn? ParseArn(string? text)
    {
        var parts = text?.Split(':', 6);
        return parts is { Length: 6 } && parts[0] == "arn" && parts[1].Length > 0 && parts[2].Length > 0 && parts[5].Length > 0
            ? new Arn(parts[1], parts[2], parts[3], parts[4], parts[5])
            : null;
    }

    /// <summary>
    /// Checks the ARN of a resource a prop refers to: it must be an ARN of <paramref name="service"/>, in the stack's
    /// region. An ARN that is a token as a whole (a resource defined in the app, or imported through a parameter) cannot be
    /// read and is accepted; so is a region part that is a token (the stack's own region, as <c>FromSecretNameV2</c> writes it).
    /// </summary>
    public static void CheckArn(RuleCheck check, string ruleId, string property, string? arn, string service, string? stackRegion, string sameRegionWhy)
    {
        if (arn is null || WholeToken().IsMatch(arn))
        {
            return;
        }

        var parsed = ParseArn(arn);
        if (parsed is null || (!RuleCheck.IsToken(parsed.Service) && parsed.Service != service))
        {
            check.FailIf(true, ruleId, property, arn, $"is not the ARN of {ServiceName(service)} (arn:aws:{service}:<region>:<account>:...)",
                $"Import the {ServiceName(service)} by its full ARN, for example arn:aws:{service}:us-east-1:123456789012:{ExampleResource(service)}");
            return;
        }

        var region = parsed.Region;
        check.FailIf(!RuleCheck.IsToken(region) && region.Length > 0 && stackRegion is not null && !RuleCheck.IsToken(stackRegion) && region != stackRegion,
            ruleId, property, arn, $"is in region {region}, not in the stack's region {stackRegion}: {sameRegionWhy}",
            $"Use a {ServiceName(service)} in {stackRegion}");
    }

    private static string ServiceName(string service) => service switch
    {
        "acm" => "ACM certificate",
        "kms" => "KMS key",
        "secretsmanager" => "Secrets Manager secret",
        "sns" => "SNS topic",
        _ => service + " resource",
    };

    private static string ExampleResource(string service) => service switch
    {
        "acm" => "certificate/<id>",
        "kms" => "key/<id>",
        "secretsmanager" => "secret:<name>-<suffix>",
        _ => "<name>",
    };

    /// <summary>Reads an IPv4 CIDR: the network address, the prefix length and whether host bits are set; null when not a CIDR.</summary>
    public static (uint Network, int Prefix, bool HostBitsSet)? ParseCidr(string? cidr)
    {
        var parts = cidr?.Split('/');
        if (parts is not { Length: 2 }
            || !Ipv4().IsMatch(parts[0])
            || !IPAddress.TryParse(parts[0], out var ip)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix is < 0 or > 32)
        {
            return null;
        }

        var bytes = ip.GetAddressBytes();
        var address = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (address & mask, prefix, (address & ~mask) != 0);
    }

    /// <summary>
    /// Selects subnets without letting the CDK's own error escape: a selection naming a subnet type or group the VPC does
    /// not have makes <c>SelectSubnets</c> throw a jsii error; that becomes a violation of <paramref name="property"/>.
    /// An empty selection is refused too.
    /// </summary>
    /// <remarks>The CDK offers no way to ask first, so the read goes through <see cref="CdkCalls.TryRead{T}"/>.</remarks>
    public static ISelectedSubnets? SelectSubnets(RuleCheck check, string ruleId, string property, IVpc vpc, SubnetSelection? selection, string fix)
    {
        if (!CdkCalls.TryRead(() => vpc.SelectSubnets(selection), out var selected, out var error))
        {
            check.FailIf(true, ruleId, property, RuleCheck.Describe(Describe(selection)),
                "selects no subnet of the VPC (" + FirstLine(error) + ")", fix);
            return null;
        }

        if (selected.SubnetIds.Length == 0)
        {
            check.FailIf(true, ruleId, property, RuleCheck.Describe(Describe(selection)), "selects no subnet of the VPC", fix);
            return null;
        }

        return selected;
    }

    private static string Describe(SubnetSelection? s) =>
        s is null ? "the default selection"
        : s.SubnetGroupName is { } name ? $"SubnetGroupName {RuleCheck.Quote(name)}"
        : s.SubnetType is { } type ? $"SubnetType {type}"
        : s.Subnets is { } subnets ? $"{subnets.Length} subnet(s)"
        : "a subnet selection";

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 200 ? line[..200] + "..." : line;
    }

    /// <summary>True when two VPCs are the same: the same construct, or the same literal VPC id.</summary>
    public static bool SameVpc(IVpc a, IVpc b)
    {
        if (a.Node.Addr == b.Node.Addr)
        {
            return true;
        }

        var (idA, idB) = (a.VpcId, b.VpcId);
        return !RuleCheck.IsToken(idA) && !RuleCheck.IsToken(idB) && idA == idB;
    }

    /// <summary>
    /// The Levenshtein-nearest name among <paramref name="known"/>, when it is close enough to be a misspelling; else null.
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(name, candidate);
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 5) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^\$\{Token\[[^\]]+\]\}$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeToken();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();
}

/// <summary>Refusing null props objects.</summary>
internal static partial class Inputs
{
    /// <summary>Throws the library's exception (not an <see cref="ArgumentNullException"/>) when a constructor's props are null.</summary>
    public static void RefuseNullProps(IConstruct scope, [System.Diagnostics.CodeAnalysis.NotNull] object? props, string ruleId)
    {
        if (props is null)
        {
            throw new TfeValidationException(scope.Node.Path,
                [new TfeRuleViolation(ruleId, "props", "null", "is required and must not be null", "Pass the construct's props")]);
        }
    }
}

/// <summary>Formatting CIDRs.</summary>
internal static partial class Inputs
{
    /// <summary>Writes an IPv4 CIDR block.</summary>
    public static string FormatCidr(uint network, int prefix) =>
        $"{network >> 24}.{(network >> 16) & 255}.{(network >> 8) & 255}.{network & 255}/{prefix}";
}
