using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>The checks of <see cref="TfeAppTierOptions.BreakGlassPrincipalArns"/>.</summary>
internal static partial class BreakGlassPrincipals
{
    /// <summary>
    /// Each entry is the ARN of an IAM role or user (a token is accepted as is): not the account root, which would admit
    /// every principal of the account; no wildcard; not an STS assumed-role session, which <c>aws:PrincipalArn</c> never
    /// carries (it carries the role's ARN).
    /// </summary>
    public static void Check(RuleCheck check, IReadOnlyList<string>? arns)
    {
        foreach (var arn in arns ?? [])
        {
            if (arn is null)
            {
                check.FailIf(true, RuleIds.Net1, "BreakGlassPrincipalArns", RuleCheck.Describe("null"), "contains a null entry", "Remove it, or pass the role's ARN");
                continue;
            }

            if (RuleCheck.IsToken(arn))
            {
                continue;
            }

            var problem = arn.Contains('*', StringComparison.Ordinal) || arn.Contains('?', StringComparison.Ordinal)
                ? "contains a wildcard: a break-glass principal is one named role or user"
                : arn.EndsWith(":root", StringComparison.Ordinal)
                    ? "is the account root: it would admit every principal of the account, which is what the secrets' policy exists to prevent"
                    : arn.Contains(":assumed-role/", StringComparison.Ordinal)
                        ? "is an STS session: the secrets' policy matches aws:PrincipalArn, which carries the role's ARN (arn:aws:iam::<account>:role/<name>)"
                        : !IamIdentityArn().IsMatch(arn)
                            ? "is not the ARN of an IAM role or user (arn:<partition>:iam::<account>:role/<name> or :user/<name>)"
                            : null;
            check.FailIf(problem is not null, RuleIds.Net1, "BreakGlassPrincipalArns", arn, problem ?? string.Empty,
                "Pass the ARN of the IAM role your break-glass procedure assumes, for example arn:aws:iam::123456789012:role/tfe-break-glass");
        }
    }

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)/[\w+=,.@/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IamIdentityArn();
}
