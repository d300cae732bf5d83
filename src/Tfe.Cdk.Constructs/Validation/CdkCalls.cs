namespace Tfe.Cdk.Constructs;

/// <summary>
/// The one place the library catches an error the CDK raised. A few CDK reads have no way to ask first and throw instead:
/// the name of a zone imported by id (<c>HostedZone.FromHostedZoneId</c>), a subnet selection the VPC cannot satisfy
/// (<c>IVpc.SelectSubnets</c>), a machine image with no AMI for the stack's region (<c>IMachineImage.GetImage</c>).
/// Validation reads them to name the prop in a <see cref="TfeValidationException"/> rather than let a raw jsii error
/// escape, so every such read goes through <see cref="TryRead{T}"/> and no other code catches a CDK error.
/// </summary>
internal static class CdkCalls
{
    /// <summary>Runs a CDK read; false, with the CDK's message, when the CDK raised an error instead of answering.</summary>
    /// <remarks>Only the CDK's errors are caught (<see cref="IsCdkError"/>): a bug in the library still surfaces as itself.</remarks>
    public static bool TryRead<T>(Func<T> read, out T value, out string error)
    {
        try
        {
            value = read();
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (IsCdkError(e))
        {
            value = default!;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// True for an error the CDK raised through jsii: the .NET runtime surfaces a JavaScript <c>Error</c> as a plain
    /// <see cref="Exception"/> (or a type of the jsii runtime).
    /// </summary>
    public static bool IsCdkError(Exception e) =>
        e.GetType() == typeof(Exception) || e.GetType().Namespace?.StartsWith("Amazon.JSII", StringComparison.Ordinal) == true;
}
