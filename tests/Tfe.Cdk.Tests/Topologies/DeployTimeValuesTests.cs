using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;

using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>
/// An Active/Active deployment whose props take every value they accept at deploy time from a <c>CfnParameter</c>: text
/// props (hostname, database name and user, instance and cache node types, engine version, image id, the ranges of
/// IngressCidrs and IactSubnets, a setting's value, break-glass principals, the web ACL, the hosted zone's
/// id) and the ARNs behind every imported resource (license, certificate, encryption password, CA bundle, node
/// certificate, the secrets', data, cache and flow logs' keys, the alarm topic, the backup copy vault). One synth, kept in
/// <c>synthesized/DeployTimeValuesFixture</c>, where CI's "Test scenarios" step runs cfn-lint and cdk-nag on it. The props a
/// token is refused for (docs/validation.md, "Tokens") are left out: they have their own refusal cases. So is a
/// ReachableCidrs token: it only steers the choice of Docker's range at synth (with a warning) and reaches no resource.
/// </summary>
public sealed class DeployTimeValuesFixture
{
    public DeployTimeValuesFixture()
    {
        var stack = TestApp.NewStack();
        string Parameter(string id, string description, string type = "String") =>
            new CfnParameter(stack, id, new CfnParameterProps { Type = type, Description = description }).ValueAsString;

        var topic = Topic.FromTopicArn(stack, "Alarms", Parameter("AlarmTopicArn", "Where alarms go"));
        new TfeActiveActive(stack, "Tfe", new TfeActiveActiveProps
        {
            Hostname = Parameter("Hostname", "The TFE hostname, inside corp.example.com"),
            License = Secret.FromSecretCompleteArn(stack, "License", Parameter("LicenseSecretArn", "The license secret's ARN")),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", Parameter("CertificateArn", "An ACM certificate for the hostname")),
            HostedZone = HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes { HostedZoneId = Parameter("HostedZoneId", "The zone of corp.example.com"), ZoneName = "corp.example.com" }),
            IactSubnets = [Parameter("AdminCidr", "Where the first admin fetches the IACT from")],
            LoadBalancerWebAclArn = Parameter("WebAclArn", "A regional AWS WAF web ACL"),
            IngressCidrs = [Parameter("ClientCidr", "The range users reach TFE from")],
            InstanceType = new InstanceType(Parameter("NodeInstanceType", "The TFE nodes' instance type")),
            MachineImage = MachineImage.GenericLinux(new Dictionary<string, string> { [TestApp.Region] = Parameter("NodeImageId", "The nodes' AMI", "AWS::EC2::Image::Id") }),
            EncryptionPassword = Secret.FromSecretCompleteArn(stack, "EncryptionPassword", Parameter("EncryptionPasswordArn", "TFE_ENCRYPTION_PASSWORD's secret")),
            CaBundle = Secret.FromSecretCompleteArn(stack, "CaBundle", Parameter("CaBundleArn", "The CA bundle's secret")),
            NodeCertificate = TfeNodeCertificate.FromSecret(Secret.FromSecretCompleteArn(stack, "NodeCert", Parameter("NodeCertificateArn", "The node certificate's secret"))),
            SecretsEncryptionKey = Key.FromKeyArn(stack, "SecretsKey", Parameter("SecretsKeyArn", "The key of the library's secrets")),
            BreakGlassPrincipalArns = [Parameter("BreakGlassRoleArn", "A break-glass role")],
            AlarmTopic = topic,
            NetworkOptions = new TfeNetworkProps { FlowLogsEncryptionKey = Key.FromKeyArn(stack, "FlowLogsKey", Parameter("FlowLogsKeyArn", "The flow logs' key")) },
            Data = new TfeDataTierOptions
            {
                EncryptionKey = Key.FromKeyArn(stack, "DataKey", Parameter("DataKeyArn", "The data tier's key")),
                DatabaseInstanceType = new InstanceType(Parameter("DatabaseInstanceType", "The database's instance class, without db.")),
                DatabaseEngineVersion = Amazon.CDK.AWS.RDS.PostgresEngineVersion.Of(Parameter("DatabaseEngineVersion", "PostgreSQL 16.x"), "16"),
                DatabaseBackupPlan = true,
                DatabaseBackupCopyVault = BackupVault.FromBackupVaultArn(stack, "CopyVault", Parameter("CopyVaultArn", "A vault of another region")),
                AlarmTopic = topic,
            },
            Redis = new TfeRedisOptions
            {
                EncryptionKey = Key.FromKeyArn(stack, "CacheKey", Parameter("CacheKeyArn", "The cache's key")),
                NodeType = Parameter("CacheNodeType", "The cache node type"),
                AlarmTopic = topic,
            },
        });
        // The user data size check (COMP-4) counts a deploy-time value in the node's configuration at a parameter's longest,
        // 4,096 bytes: the database's name and user, also rendered there, are given to a second deployment of the same app.
        var standalone = new Stack((App)stack.Node.Root, "Standalone", new StackProps { Env = TestApp.Env() });
        string StandaloneParameter(string id, string description) =>
            new CfnParameter(standalone, id, new CfnParameterProps { Type = "String", Description = description }).ValueAsString;
        new TfeStandalone(standalone, "Tfe", new TfeStandaloneProps
        {
            Hostname = "tfe.corp.example.com",
            License = Secret.FromSecretNameV2(standalone, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(standalone, "Cert", $"arn:aws:acm:{TestApp.Region}:{TestApp.Account}:certificate/00000000-0000-0000-0000-000000000000"),
            Data = new TfeDataTierOptions
            {
                DatabaseName = StandaloneParameter("DatabaseName", "The TFE database's name"),
                DatabaseUsername = StandaloneParameter("DatabaseUsername", "The TFE database's user"),
            },
        });
        Synth = new SynthesizedTemplate(stack);
        StandaloneSynth = new SynthesizedTemplate(standalone);
    }

    public SynthesizedTemplate Synth { get; }

    public SynthesizedTemplate StandaloneSynth { get; }
}

public sealed class DeployTimeValuesTests(DeployTimeValuesFixture f) : IClassFixture<DeployTimeValuesFixture>
{
    [Fact]
    public void Every_Output_Description_Is_A_Literal_Even_With_A_Parameter_Hostname()
    {
        // CloudFormation accepts only a literal string as an Output's Description (cfn-lint E6003).
        var outputs = f.Synth.Json["Outputs"]!.AsObject();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Value!["Description"] is null or JsonValue, $"{o.Key}'s Description is {o.Value!["Description"]!.ToJsonString()}"));
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void The_User_Data_Size_Check_Counts_Every_Parameter_At_Its_Longest_COMP_4()
    {
        AppTier.NodeFilesTests.AssertEveryDeployTimeValueIsWidened(f.Synth.Stack);
        AppTier.NodeFilesTests.AssertEveryDeployTimeValueIsWidened(f.StandaloneSynth.Stack);
    }

    [Fact]
    public void Every_Parameter_Reaches_The_Template()
    {
        foreach (var (synth, count) in new[] { (f.Synth, 22), (f.StandaloneSynth, 2) })
        {
            var parameters = synth.Json["Parameters"]!.AsObject().Select(p => p.Key).Where(p => p != "BootstrapVersion").ToList();
            Assert.Equal(count, parameters.Count);
            var resources = synth.Json["Resources"]!.ToJsonString();
            Assert.All(parameters, p => Assert.Contains($"{{\"Ref\":\"{p}\"}}", resources, StringComparison.Ordinal));
        }
    }

    [Fact]
    [Trait("Rule", "DB-1")]
    public void A_Prop_That_Needs_Its_Literal_Refuses_A_Parameter_Saying_So_DB_1()
    {
        // NamePrefix names the database and the secrets at synth: a deploy-time value is refused, by name, not as a bad name.
        var stack = TestApp.NewStack(id: "TokenNamePrefix");
        var prefix = new CfnParameter(stack, "Prefix", new CfnParameterProps { Type = "String" }).ValueAsString;
        var e = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", $"arn:aws:acm:{TestApp.Region}:{TestApp.Account}:certificate/00000000-0000-0000-0000-000000000000"),
            NamePrefix = prefix,
        }));
        var violation = Assert.Single(e.Violations);
        Assert.Equal(("DB-1", "NamePrefix"), (violation.RuleId, violation.PropertyName));
        Assert.Contains("is a deploy-time value (a token), but it must be known at synth time: it becomes the database's identifier", e.Message, StringComparison.Ordinal);
    }
}
