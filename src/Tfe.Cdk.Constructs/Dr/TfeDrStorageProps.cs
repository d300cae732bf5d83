using Amazon.CDK;

namespace Tfe.Cdk.Constructs;

/// <summary>Properties for <see cref="TfeDrStorage"/>.</summary>
public sealed record TfeDrStorageProps
{
    /// <summary>The settings shared with the primary deployment and the <see cref="TfeDrRegion"/> (the same value in all three).</summary>
    public required TfeDisasterRecovery DisasterRecovery { get; init; }

    /// <summary>What happens to the key and the buckets when the stack is deleted.</summary>
    /// <remarks>
    /// Default: <see cref="RemovalPolicy.RETAIN"/>: the secondary copy of TFE's objects, and the key its secrets, database
    /// and objects are encrypted with, outlive the stack. DESTROY is for sandboxes and warns (<c>@tfe/cdk:destroyState</c>).
    /// SNAPSHOT and RETAIN_ON_UPDATE_OR_DELETE are refused (neither a key nor a bucket has a snapshot).
    /// </remarks>
    public RemovalPolicy? RemovalPolicy { get; init; }
}
