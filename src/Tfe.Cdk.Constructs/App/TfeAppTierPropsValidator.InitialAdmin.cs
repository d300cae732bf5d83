using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>COMP-4: the first admin the node creates at boot (<see cref="TfeAppTierOptions.InitialAdmin"/>).</summary>
internal static partial class TfeAppTierPropsValidator
{
    /// <summary>Refuses a username or email that is missing, a token, or not of the shape the node sends to TFE.</summary>
    private static void CheckInitialAdmin(RuleCheck check, TfeInitialAdmin? admin)
    {
        if (admin is null)
        {
            return;
        }

        if (!Inputs.RefuseToken(check, RuleIds.Comp4, "InitialAdmin.Username", admin.Username, "it is written into the admin's secret when the stack is created"))
        {
            check.FailIf(admin.Username is null || !AdminUsername().IsMatch(admin.Username), RuleIds.Comp4, "InitialAdmin.Username", admin.Username,
                "is not a user name the node can send to TFE",
                "Use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (for example admin)");
        }

        if (!Inputs.RefuseToken(check, RuleIds.Comp4, "InitialAdmin.Email", admin.Email, "it is written into the admin's secret when the stack is created"))
        {
            check.FailIf(admin.Email is null || !AdminEmail().IsMatch(admin.Email), RuleIds.Comp4, "InitialAdmin.Email", admin.Email,
                "is not an email address", "Use one address such as tfe-admins@example.com (one @, no whitespace)");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AdminUsername();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AdminEmail();
}
