namespace Tfe.Cdk.Constructs;

/// <summary>
/// Every default value of the library, in one place. The README's "Default settings" mirror this file.
/// </summary>
internal static class Defaults
{
    // Network
    public const string VpcCidr = "10.0.0.0/16";
    public const int MaxAzs = 3;

    // App tier
    public const string InstanceType = "m5.xlarge";
    public const int MinRootVolumeSizeGiB = 50;
    public const int RootVolumeSizeGiB = 50;
    public const string TfeVersion = "1.0.3";
    public const string TfeImageRepository = "images.releases.hashicorp.com/hashicorp/terraform-enterprise";
    public const int ActiveActiveNodeCount = 2;
    public const int MaxActiveActiveNodes = 5;
    public const int BootTimeoutMinutes = 30;
    public const int HealthCheckGraceMinutes = 15;
    public const int EncryptionPasswordLength = 48;
    public const int DrainTimeoutSeconds = 3600;
    public const int MinDrainTimeoutSeconds = 300;
    public const int MaxDrainTimeoutSeconds = 7200;
    public const string DrainHookName = "tfe-drain";
}
