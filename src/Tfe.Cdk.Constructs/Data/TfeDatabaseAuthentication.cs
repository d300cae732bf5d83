namespace Tfe.Cdk.Constructs;

/// <summary>How the TFE nodes sign in to PostgreSQL (<see cref="TfeDataTierOptions.DatabaseAuthentication"/>).</summary>
public enum TfeDatabaseAuthentication
{
    /// <summary>
    /// The master user and its generated password: the nodes read the password from the database secret at boot
    /// (<c>TFE_DATABASE_PASSWORD</c>).
    /// </summary>
    Password,

    /// <summary>
    /// RDS IAM database authentication: the nodes connect as a login role mapped to <c>rds_iam</c> with short-lived tokens
    /// signed by their instance profile (<c>TFE_DATABASE_PASSWORDLESS_AWS_USE_INSTANCE_PROFILE</c>, TFE 1.1.0 and later);
    /// no database password reaches a node, and the node role cannot read the master secret. The login role is created
    /// by a custom resource with the master credentials (docs/passwordless-database.md).
    /// </summary>
    Iam,
}
