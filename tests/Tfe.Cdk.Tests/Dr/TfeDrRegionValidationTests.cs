using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using static Tfe.Cdk.Constructs.TfeDrRegionPropsValidator;

namespace Tfe.Cdk.Tests.Dr;

/// <summary>The DR rules, on plain values (no jsii, no synth), and the primary side's refusals (construction only).</summary>
public sealed class TfeDrRegionValidationTests
{
    private static readonly TfeDisasterRecovery Settings = new() { NamePrefix = "tfe-prod", PrimaryRegion = "us-east-1", DrRegion = "us-west-2" };

    private static Values Valid => new()
    {
        Settings = Settings,
        StorageSettings = Settings,
        PrimarySettings = Settings with { },
        StackRegion = "us-west-2",
        StackAccount = "123456789012",
        StorageRegion = "us-west-2",
        StorageAccount = "123456789012",
        PrimaryRegion = "us-east-1",
        PrimaryAccount = "123456789012",
        ActiveActive = true,
        Hostname = "tfe.example.com",
        PrimaryHostname = "tfe.example.com",
        HasZone = true,
        PrimaryHasZone = true,
        ZoneName = "example.com",
        RegionalInputs = [("License", "us-west-2"), ("LoadBalancerCertificate", "us-west-2")],
    };

    private static readonly TfeDisasterRecovery Cold = Settings with { StandbyMode = TfeStandbyMode.Cold };

    private static readonly TfeDrRestoreSource Backups = TfeDrRestoreSource.FromAutomatedBackups("arn:aws:rds:us-west-2:123456789012:auto-backup:ab-abc");

    private static readonly (string Rule, Values Values)[] Cases =
    [
        ("DR-2", Valid with { Settings = Settings with { DrRegion = "us-east-1" }, StorageSettings = Settings with { DrRegion = "us-east-1" }, PrimarySettings = Settings with { DrRegion = "us-east-1" }, StackRegion = "us-east-1", StorageRegion = "us-east-1" }),
        ("DR-2", Valid with { StorageSettings = Settings with { NamePrefix = "tfe-other" } }),
        ("DR-2", Valid with { PrimarySettings = Settings with { StandbyMode = TfeStandbyMode.Cold } }),
        ("DR-2", Valid with { PrimarySettings = null }),
        ("DR-2", Valid with { Settings = Settings with { NamePrefix = "TFE_Prod" }, StorageSettings = Settings with { NamePrefix = "TFE_Prod" }, PrimarySettings = Settings with { NamePrefix = "TFE_Prod" } }),
        ("DR-2", Valid with { Settings = Settings with { NamePrefix = "a-very-long-prefix-for-buckets" }, StorageSettings = Settings with { NamePrefix = "a-very-long-prefix-for-buckets" }, PrimarySettings = Settings with { NamePrefix = "a-very-long-prefix-for-buckets" } }),
        ("DR-2", Valid with { StackRegion = "eu-west-1" }),
        ("DR-2", Valid with { StackAccount = null }),
        ("DR-2", Valid with { StorageRegion = "us-east-1" }),
        ("DR-2", Valid with { PrimaryRegion = "us-west-2" }),
        ("DR-2", Valid with { PrimaryAccount = "210987654321" }),
        ("DR-2", Valid with { RegionalInputs = [("License", "us-east-1")] }),
        ("DR-2", Valid with { RegionalInputs = [("LoadBalancerCertificate", "us-east-1")] }),
        ("DR-3", Valid with { RestoreSource = Backups }),
        ("DR-3", Valid with { Settings = Settings with { StandbyMode = TfeStandbyMode.Cold }, StorageSettings = Settings with { StandbyMode = TfeStandbyMode.Cold }, PrimarySettings = Settings with { StandbyMode = TfeStandbyMode.Cold }, Promoted = true }),
        ("DR-3", Valid with { Settings = Settings with { StandbyMode = TfeStandbyMode.Cold }, StorageSettings = Settings with { StandbyMode = TfeStandbyMode.Cold }, PrimarySettings = Settings with { StandbyMode = TfeStandbyMode.Cold }, RestoreSource = TfeDrRestoreSource.FromAutomatedBackups("arn:aws:rds:us-east-1:123456789012:auto-backup:ab-abc") }),
        ("DR-3", Valid with { Settings = Cold, StorageSettings = Cold, PrimarySettings = Cold, RestoreSource = TfeDrRestoreSource.FromAutomatedBackups("   ") }),
        ("DR-3", Valid with { Settings = Cold, StorageSettings = Cold, PrimarySettings = Cold, RestoreSource = TfeDrRestoreSource.FromAutomatedBackups("ab-abc") }),
        ("DR-3", Valid with { Settings = Cold, StorageSettings = Cold, PrimarySettings = Cold, RestoreSource = TfeDrRestoreSource.FromSnapshot(null!) }),
        ("DR-3", Valid with { Settings = Cold, StorageSettings = Cold, PrimarySettings = Cold, RestoreSource = TfeDrRestoreSource.FromSnapshot("tfe prod final") }),
        ("DR-3", Valid with { Settings = Cold, StorageSettings = Cold, PrimarySettings = Cold, RestoreSource = TfeDrRestoreSource.FromSnapshot("arn:aws:rds:us-east-1:123456789012:snapshot:tfe-final") }),
        ("DR-3", Valid with { Settings = Cold, StorageSettings = Cold, PrimarySettings = Cold, RestoreSource = TfeDrRestoreSource.FromSnapshot("arn:aws:s3:::tfe-final") }),
        ("DR-2", Valid with { Settings = Settings with { StandbyMode = (TfeStandbyMode)42 }, StorageSettings = Settings with { StandbyMode = (TfeStandbyMode)42 }, PrimarySettings = Settings with { StandbyMode = (TfeStandbyMode)42 } }),
        ("NET-2", Valid with { ZoneName = null }),
        ("NET-2", Valid with { ZoneName = "example.org" }),
        ("DR-5", Valid with { Hostname = "tfe-dr.example.com" }),
        ("DR-5", Valid with { HasZone = false }),
        ("DR-5", Valid with { PrimaryHasZone = false }),
        ("DR-6", Valid with { HasCache = true, CacheIsPrimarys = true }),
        ("DR-6", Valid with { HasCache = true, CacheRegion = "us-east-1" }),
        ("MODE-2", Valid with { ActiveActive = false, HasRedisOptions = true }),
        ("MODE-1", Valid with { ActiveActive = false, NodeCount = 3 }),
    ];

    public static TheoryData<int> Broken => new(Enumerable.Range(0, Cases.Length));

    [Fact]
    public void Valid_Settings_Pass() => Assert.Empty(Check(Valid).Violations);

    [Fact]
    [Trait("Rule", "DR-3")]
    public void A_Cold_Standby_Fails_Over_With_A_Restore_Source_In_The_Dr_Region_DR_3()
    {
        var cold = Settings with { StandbyMode = TfeStandbyMode.Cold };
        Assert.Empty(Check(Valid with { Settings = cold, StorageSettings = cold, PrimarySettings = cold, Promoted = true, RestoreSource = Backups }).Violations);
        Assert.Empty(Check(Valid with { Settings = cold, StorageSettings = cold, PrimarySettings = cold, Promoted = true, RestoreSource = TfeDrRestoreSource.FromSnapshot("tfe-prod-final") }).Violations);
        Assert.Empty(Check(Valid with { Settings = cold, StorageSettings = cold, PrimarySettings = cold, Promoted = true, RestoreSource = TfeDrRestoreSource.FromSnapshot("arn:aws:rds:us-west-2:123456789012:snapshot:awsbackup:job-0123") }).Violations);
        Assert.Empty(Check(Valid with { Settings = cold, StorageSettings = cold, PrimarySettings = cold, Promoted = true, RestoreSource = TfeDrRestoreSource.FromSnapshot("rds:tfe-prod-db-2025-01-01-00-00") }).Violations);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Fails_With_The_Rule_Id(int index)
    {
        var (rule, values) = Cases[index];
        var violations = Check(values).Violations;
        Assert.NotEmpty(violations);
        Assert.Contains(rule, violations.Select(v => v.RuleId));
        Assert.All(violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Fix)));
    }

    [Fact]
    [Trait("Rule", "DR-5")]
    public void Warns_When_No_Region_Has_A_Zone_DR_5() =>
        Assert.Equal("manualDnsFailover", Assert.Single(Advise(Valid with { HasZone = false, PrimaryHasZone = false })).Topic);

    [Theory]
    [Trait("Rule", "DR-2")]
    [InlineData("EncryptionPassword")]
    [InlineData("DnsFailover")]
    [InlineData("Region")]
    public void Primary_Refuses_What_Would_Break_The_Pair_DR_2(string mistake)
    {
        var stack = TestApp.NewStack("us-east-1");
        var props = new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            DisasterRecovery = mistake == "Region" ? Settings with { PrimaryRegion = "eu-west-1" } : Settings,
            NamePrefix = Settings.NamePrefix,
            EncryptionPassword = mistake == "EncryptionPassword" ? Secret.FromSecretNameV2(stack, "Password", "mine") : null,
            DnsFailover = mistake == "DnsFailover" ? TfeDnsFailover.Primary : null,
        };
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", props));
        Assert.Contains(mistake == "DnsFailover" ? "NET-3" : "DR-2", error.RuleIds);
    }
}
