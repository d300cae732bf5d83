using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// Cross-service confused deputy prevention on the trust policy of a service role the CDK defines for the library: the
/// service may assume the role only on behalf of this account (<c>aws:SourceAccount</c>), as the service's own page
/// recommends (for RDS enhanced monitoring: "Setting up and enabling Enhanced Monitoring", section "Protecting against the
/// confused deputy problem", Amazon RDS User Guide).
/// </summary>
internal static class ConfusedDeputy
{
    /// <summary>Adds <c>StringEquals aws:SourceAccount = account</c> to the role's single trust statement.</summary>
    public static void LimitToAccount(IConstruct role)
    {
        var cfn = (CfnRole)role.Node.DefaultChild!;
        cfn.AddPropertyOverride("AssumeRolePolicyDocument.Statement.0.Condition", new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(role).Account },
        });
    }
}
