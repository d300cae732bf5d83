using System.Text.Json.Nodes;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

using static Tfe.Cdk.Tests.Compliance.SecretPolicyAssertions;

namespace Tfe.Cdk.Tests.Compliance;

/// <summary>
/// Issue 18, template side: the node role's Session Manager statement, the secrets' read-deny resource policies, the data
/// buckets' SSE-KMS upload deny, the data key, the load balancer's TLS policy and the instance metadata's IPv6 endpoint,
/// on the compliance-options scenario. The same checks on other scenarios sit in those scenarios' test classes
/// (TfeActiveActiveTests, MultiRegionSampleTests, TfeAppTierClassicTests, TfeDashboardActiveActiveTests, TierImportTests),
/// so no scenario is synthesized twice for them.
/// </summary>
public sealed class DefenseInDepthTests(ComplianceOptionsFixture f) : IClassFixture<ComplianceOptionsFixture>
{
    [Fact]
    public void Node_Role_Has_No_Managed_Policy_And_No_Ssm_Action_But_The_Agent_Registration()
    {
        var role = f.Synth.AllResources[f.NodeRoleId]!["Properties"]!.AsObject();
        Assert.False(role.ContainsKey("ManagedPolicyArns"), "the node role must not carry AmazonSSMManagedInstanceCore (ssm:GetParameter on *)");

        var statements = NodePolicyStatements(f.Synth);
        var actions = statements.SelectMany(Actions).ToList();
        Assert.Equal(["ssm:UpdateInstanceInformation"], actions.Where(a => a.StartsWith("ssm:", StringComparison.Ordinal)));
        Assert.DoesNotContain(actions, a => a.Contains("GetParameter", StringComparison.Ordinal) || a.EndsWith(":*", StringComparison.Ordinal));

        var sessionManager = statements.Single(s => (string?)s["Sid"] == "SessionManagerAgent");
        Assert.Equal("Allow", (string?)sessionManager["Effect"]);
        Assert.Equal(
            ["ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint", "ec2messages:GetMessages", "ec2messages:SendReply",
             "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
            Actions(sessionManager).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Encryption_Password_And_Database_Secret_Deny_Reads_To_All_But_Nodes_CloudFormation_And_Break_Glass()
    {
        var policies = ResourcePolicies(f.Synth);
        Assert.Equal(2, policies.Count);
        Assert.Contains(policies, p => Ref(p["SecretId"]) == f.Synth.IdsOf("AWS::SecretsManager::Secret").Single(id => id.Contains("EncryptionPassword", StringComparison.Ordinal)));
        Assert.Contains(policies, p => Ref(p["SecretId"])!.Contains("DatabaseSecretAttachment", StringComparison.Ordinal));
        foreach (var policy in policies)
        {
            var deny = SingleDeny(policy);
            var readers = Readers(deny);
            Assert.Equal([ExecutionRole, $"GetAtt:{f.NodeRoleId}", ComplianceOptionsFixture.BreakGlassArn], readers);
            Assert.False(deny["Condition"]!.AsObject().ContainsKey("StringNotEquals"), "no principal tag admits a reader in a single-stack deployment");
        }
    }

    [Fact]
    public void Data_Buckets_Deny_Uploads_That_Ask_For_Another_Encryption_Than_Sse_Kms()
    {
        var bucketPolicies = f.Synth.IdsOf("AWS::S3::BucketPolicy").Select(id => f.Synth.AllResources[id]!["Properties"]!).ToList();
        var denies = bucketPolicies.SelectMany(p => p["PolicyDocument"]!["Statement"]!.AsArray())
            .Where(s => (string?)s!["Sid"] == "DenyUploadsNotSseKms").ToList();
        Assert.Equal(2, denies.Count); // application and backup buckets; the access-logs bucket is SSE-S3 by necessity
        Assert.All(denies, s =>
        {
            Assert.Equal("Deny", (string?)s!["Effect"]);
            Assert.Equal("s3:PutObject", (string?)s["Action"]);
            Assert.Equal("aws:kms", (string?)s["Condition"]!["StringNotEqualsIfExists"]!["s3:x-amz-server-side-encryption"]);
        });
    }

    [Fact]
    public void Fips_Alb_Offers_Tls_1_3_And_Only_Forward_Secret_Gcm_Suites_Of_Tls_1_2_And_Imds_Has_No_Ipv6_Endpoint()
    {
        // The default policy (ELBSecurityPolicy-TLS13-1-2-Res-2021-06) is asserted by TfeStandaloneTests; this scenario sets FipsTlsPolicy.
        var listener = f.Synth.IdsOf("AWS::ElasticLoadBalancingV2::Listener").Select(id => f.Synth.AllResources[id]!["Properties"]!)
            .Single(p => (string?)p["Protocol"] == "HTTPS");
        Assert.Equal("ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04", (string?)listener["SslPolicy"]);
        var metadata = f.Synth.AllResources[f.LaunchTemplateId]!["Properties"]!["LaunchTemplateData"]!["MetadataOptions"]!;
        Assert.Equal("disabled", (string?)metadata["HttpProtocolIpv6"]);
        Assert.Equal("required", (string?)metadata["HttpTokens"]);
    }

    [Fact]
    public void Data_Key_Is_Administered_By_The_Account_But_Used_Only_Through_The_Deployments_Services()
    {
        var statements = DataKeyStatements(f.Synth);
        Assert.DoesNotContain(statements, s => Actions(s).Contains("kms:*"));
        var admin = statements.Single(s => (string?)s["Sid"] == "KeyAdministration");
        Assert.DoesNotContain(Actions(admin), a => a is "kms:Decrypt" or "kms:Encrypt" or "kms:CreateGrant" || a.StartsWith("kms:GenerateDataKey", StringComparison.Ordinal) || a.StartsWith("kms:ReEncrypt", StringComparison.Ordinal) || a.StartsWith("kms:Create*", StringComparison.Ordinal));
        Assert.Contains("kms:PutKeyPolicy", Actions(admin));

        var use = statements.Single(s => (string?)s["Sid"] == "UseThroughTheDeploymentsServices");
        Assert.Equal(["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"], Actions(use));
        var via = use["Condition"]!["StringEquals"]!["kms:ViaService"]!.AsArray().Select(v => v!.ToJsonString()).ToList();
        Assert.Equal(6, via.Count);
        foreach (var service in new[] { "secretsmanager", "s3", "rds", "elasticache", "backup", "ec2" })
        {
            Assert.Contains(via, v => v.Contains($"\"{service}.us-east-1.\"", StringComparison.Ordinal));
        }

        var grants = statements.Single(s => (string?)s["Sid"] == "GrantsForAwsResources");
        Assert.Equal("true", (string?)grants["Condition"]!["Bool"]!["kms:GrantIsForAWSResource"]);
        var autoScaling = statements.Where(s => ((string?)s["Sid"])?.StartsWith("AutoScalingRootVolume", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, autoScaling.Count);
        Assert.All(autoScaling, s => Assert.EndsWith(":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling*",
            s["Condition"]!["ArnLike"]!["aws:PrincipalArn"]!.ToJsonString().TrimEnd('"', ']', '}'), StringComparison.Ordinal));
    }

    [Fact]
    public void Node_Uses_The_Data_Key_Only_Through_S3_And_Secrets_Manager_And_Its_Root_Volume_Is_On_It()
    {
        var kms = NodePolicyStatements(f.Synth).Where(s => Actions(s).Any(a => a.StartsWith("kms:", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(kms);
        Assert.All(kms, s => Assert.NotNull(s["Condition"]?["StringEquals"]?["kms:ViaService"]));
        Assert.Contains(kms, s => SynthesizedTemplate.Render(s["Condition"]!["StringEquals"]!["kms:ViaService"]) == "s3.us-east-1.${Ref:AWS::URLSuffix}"
            && Actions(s).Contains("kms:GenerateDataKey"));

        var dataKey = f.Synth.IdsOf("AWS::KMS::Key").Single(id => id.Contains("DataKey", StringComparison.Ordinal));
        var rootVolume = f.Synth.AllResources[f.LaunchTemplateId]!["Properties"]!["LaunchTemplateData"]!["BlockDeviceMappings"]![0]!["Ebs"]!;
        Assert.True((bool)rootVolume["Encrypted"]!);
        Assert.Equal(dataKey, (string?)rootVolume["KmsKeyId"]!["Fn::GetAtt"]![0]);
    }

    [Fact]
    public void Rds_Monitoring_Role_Is_Assumed_Only_On_Behalf_Of_This_Account()
    {
        var role = f.Synth.IdsOf("AWS::IAM::Role").Single(id => id.Contains("MonitoringRole", StringComparison.Ordinal));
        var trust = Assert.Single(f.Synth.AllResources[role]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal("monitoring.rds.amazonaws.com", (string?)trust["Principal"]!["Service"]);
        Assert.Equal("123456789012", (string?)trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
    }

    [Theory]
    [InlineData(TfeLoadBalancerType.Network)]
    [InlineData(TfeLoadBalancerType.Classic)]
    public void Refuses_The_Fips_Policy_Without_An_Application_Load_Balancer_TLS_2(TfeLoadBalancerType type)
    {
        var stack = TestApp.NewStack();
        var props = new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerType = type,
            LoadBalancerCertificate = type == TfeLoadBalancerType.Classic ? Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc") : null,
            NodeCertificate = type == TfeLoadBalancerType.Network ? TfeNodeCertificate.FromSecret(Secret.FromSecretNameV2(stack, "NodeCert", "tfe/node-cert")) : null,
            InternetFacing = type == TfeLoadBalancerType.Network,
            FipsTlsPolicy = true,
        };
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", props));
        var violation = Assert.Single(error.Violations);
        Assert.Equal(("TLS-2", "FipsTlsPolicy"), (violation.RuleId, violation.PropertyName));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:root")]
    [InlineData("arn:aws:iam::123456789012:role/*")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/tfe-break-glass/alice")]
    [InlineData("arn:aws:s3:::tfe-break-glass")]
    [InlineData("tfe-break-glass")]
    public void Refuses_A_Break_Glass_Principal_That_Is_Not_One_Iam_Role_Or_User_NET_1(string arn)
    {
        var stack = TestApp.NewStack();
        var props = new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            BreakGlassPrincipalArns = [arn],
        };
        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Tfe", props));
        var violation = Assert.Single(error.Violations);
        Assert.Equal(("NET-1", "BreakGlassPrincipalArns"), (violation.RuleId, violation.PropertyName));
    }
}
