namespace Tfe.Cdk.Constructs;

/// <summary>
/// The physical names of a deployment's stateful resources that another region (a <see cref="TfeDrRegion"/>) reads by
/// name: the database identifier and the two secrets. A deployment exposes them (<see cref="ITfeDeployment.PhysicalNames"/>);
/// <see cref="TfeDeploymentPropsBase.AdoptNames"/> takes them from a deployment created before the library named them.
/// </summary>
public sealed record TfePhysicalNames
{
    /// <summary>The RDS DB instance identifier of the primary database.</summary>
    public required string DatabaseIdentifier { get; init; }

    /// <summary>The name of the Secrets Manager secret holding the database credentials.</summary>
    public required string DatabaseSecretName { get; init; }

    /// <summary>
    /// The name of the Secrets Manager secret holding <c>TFE_ENCRYPTION_PASSWORD</c>, or null when the deployment uses the
    /// user's <see cref="TfeAppTierOptions.EncryptionPassword"/>.
    /// </summary>
    /// <remarks>
    /// Default: - null. Required (not blank) when the deployment defines its own password (no <c>EncryptionPassword</c>
    /// given), refused when it uses the user's (DR-2).
    /// </remarks>
    public string? EncryptionPasswordSecretName { get; init; }
}
