namespace Tfe.Cdk.Constructs;

/// <summary>
/// Every default value of the library, in one place. The README's "Default settings" mirror this file.
/// </summary>
internal static class Defaults
{
    // Network
    public const string VpcCidr = "10.0.0.0/16";
    public const int MaxAzs = 3;
}
