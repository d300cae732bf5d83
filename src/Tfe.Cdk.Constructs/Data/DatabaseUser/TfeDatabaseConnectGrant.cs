using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// <c>rds-db:connect</c> as one database user on one instance, named by the instance's <c>DbiResourceId</c> (it survives
/// a replica's promotion) and the stack's partition, region and account: no wildcard.
/// </summary>
internal static class TfeDatabaseConnectGrant
{
    public static void Grant(IConstruct scope, IGrantable grantee, string dbiResourceId, string user)
    {
        var arn = Stack.Of(scope).FormatArn(new ArnComponents
        {
            Service = "rds-db",
            Resource = "dbuser",
            ResourceName = $"{dbiResourceId}/{user}",
            ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
        });
        Amazon.CDK.AWS.IAM.Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = ["rds-db:connect"],
            ResourceArns = [arn],
        });
    }
}
