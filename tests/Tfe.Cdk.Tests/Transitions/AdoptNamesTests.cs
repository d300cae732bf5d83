using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.Dr;

namespace Tfe.Cdk.Tests.Transitions;

/// <summary>
/// A deployment created before the library named its resources adds DR with <c>AdoptNames</c>: the library writes no
/// name (which would replace the database and the secrets) and the standby reads the adopted names. Read from the L1
/// resources, no synth.
/// </summary>
public sealed class AdoptNamesTests
{
    private static readonly TfePhysicalNames Adopted = new()
    {
        DatabaseIdentifier = "tfe-tfedatadatabase1a2b3c4d-abcdefghijkl",
        DatabaseSecretName = "TfeDataDatabaseSecret1A2B3C4D-AbCdEfGhIjKl",
        EncryptionPasswordSecretName = "TfeAppEncryptionPassword1A2B3C4D-MnOpQrStUvWx",
    };

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Adopted_Names_Are_Not_Written_And_The_Standby_Reads_Them_DR_2()
    {
        var app = DrApp.NewApp();
        var dr = new TfeDisasterRecovery { NamePrefix = "tfe-old", PrimaryRegion = "us-east-1", DrRegion = "us-west-2" };
        var storage = new TfeDrStorage(new Stack(app, "Storage", new StackProps { Env = TestApp.Env("us-west-2") }), "Storage", new TfeDrStorageProps { DisasterRecovery = dr });
        var primaryStack = new Stack(app, "Primary", new StackProps { Env = TestApp.Env("us-east-1") });
        var primary = new TfeStandalone(primaryStack, "Tfe", new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(primaryStack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(primaryStack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            NamePrefix = "tfe-old",
            AdoptNames = Adopted,
            DisasterRecovery = dr,
        });

        // Nothing named: the running resources keep the names CloudFormation gave them.
        // (The CDK's database secret holds a lazy name that renders as nothing: resolve it as the template would.)
        Assert.Null(Resolve(primaryStack, ((CfnDBInstance)primary.Data.Database.Node.DefaultChild!).DbInstanceIdentifier));
        Assert.Null(Resolve(primaryStack, ((CfnSecret)primary.Data.Database.Node.FindChild("Secret").Node.DefaultChild!).Name));
        Assert.Null(Resolve(primaryStack, ((CfnSecret)primary.App.EncryptionPassword.Node.DefaultChild!).Name));
        Assert.Equal(Adopted, primary.PhysicalNames);
        // DR still adds its update-safe replica.
        Assert.NotNull(((CfnSecret)primary.App.EncryptionPassword.Node.DefaultChild!).ReplicaRegions);

        var drStack = new Stack(app, "Dr", new StackProps { Env = TestApp.Env("us-west-2") });
        var standby = new TfeDrRegion(drStack, "Tfe", new TfeDrRegionProps
        {
            DisasterRecovery = dr,
            Storage = storage,
            Primary = primary,
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(drStack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(drStack, "Cert", "arn:aws:acm:us-west-2:123456789012:certificate/def"),
        });
        Assert.EndsWith(":rds:us-east-1:123456789012:db:" + Adopted.DatabaseIdentifier, standby.Data.DatabaseResource!.SourceDbInstanceIdentifier, StringComparison.Ordinal);
        Assert.Equal("tfe-old-db", standby.Data.DatabaseResource.DbInstanceIdentifier);
        Assert.Equal(Adopted.DatabaseSecretName, standby.Data.DatabaseSecret.SecretName);
        Assert.Equal(Adopted.EncryptionPasswordSecretName, standby.App.EncryptionPassword.SecretName);
    }

    private static object? Resolve(Stack stack, object? value) => value is null ? null : stack.Resolve(value);

    [Fact]
    [Trait("Rule", "DR-2")]
    public void Default_Prefix_Is_The_Stack_Name_And_Path_And_A_Hash_Past_24_Characters_DR_2()
    {
        var app = TestApp.NewApp();
        var shortStack = new Stack(app, "Prod", new StackProps { Env = TestApp.Env() });
        var longStack = new Stack(app, "TerraformEnterpriseProduction", new StackProps { Env = TestApp.Env() });
        var shortName = new TfeStandalone(shortStack, "Tfe", Props(shortStack)).NamePrefix;
        var longName = new TfeStandalone(longStack, "Tfe", Props(longStack)).NamePrefix;
        Assert.Equal("prod-tfe", shortName);
        Assert.Matches("^terraformenterp-[0-9a-f]{8}$", longName);

        static TfeStandaloneProps Props(Stack stack) => new()
        {
            Hostname = $"tfe.{stack.StackName.ToLowerInvariant()}.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
        };
    }
}
