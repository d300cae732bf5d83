using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// A data tier whose database the nodes reach with RDS IAM authentication: the login role they connect as, what must
/// exist before they start (the custom resource that creates the role), and the <c>rds-db:connect</c> grant.
/// </summary>
internal interface ITfeIamDatabase
{
    /// <summary>The IAM-authenticated login role (<c>TFE_DATABASE_USER</c>), or null when the nodes use the password.</summary>
    string? IamDatabaseUser { get; }

    /// <summary>What the nodes wait for: the custom resource that created the login role (null where replication brings it).</summary>
    IDependable? DatabaseUserReady { get; }

    /// <summary>Grants <c>rds-db:connect</c> as <see cref="IamDatabaseUser"/> on this database only.</summary>
    void GrantConnect(IGrantable grantee);
}
