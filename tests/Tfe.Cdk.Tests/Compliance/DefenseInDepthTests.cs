using System.Text.Json.Nodes;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;
using Tfe.Cdk.Tests.AppTier;
using Tfe.Cdk.Tests.Dr;
using Tfe.Cdk.Tests.Topologies;

namespace Tfe.Cdk.Tests.Compliance;

/// <summary>
/// Issue 18, template side: the node role's Session Manager statement, the secrets' read-deny resource policies, the data
/// buckets' SSE-KMS upload deny, the load balancer's TLS policy and the instance metadata's IPv6 endpoint. One synth per
/// scenario, shared with the other tests of that scenario.
/// </summary>
public sealed class DefenseInDepthTests(ComplianceOptionsFixture f, ActiveActiveSampleFixture aa, MultiRegionSampleFixture dr, ClassicFixture clb)
    : IClassFixture<ComplianceOptionsFixture>, IClassFixture<ActiveActiveSampleFixture>, IClassFixture<MultiRegionSampleFixture>, IClassFixture<ClassicFixture>
{
    private const string ExecutionRole = "arn:${AWS::Partition}:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-us-east-1";

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
    public void Redis_Auth_Token_Denies_Reads_To_All_But_The_Nodes_And_CloudFormation()
    {
        var nodeRole = aa.Synth.IdsOf("AWS::IAM::Role").Single(id => id.Contains("NodeRole", StringComparison.Ordinal));
        var policies = ResourcePolicies(aa.Synth);
        Assert.Equal(3, policies.Count);
        var token = policies.Single(p => Ref(p["SecretId"])!.Contains("RedisAuthToken", StringComparison.Ordinal));
        Assert.Equal([ExecutionRole, $"GetAtt:{nodeRole}"], Readers(SingleDeny(token)));
    }

    [Fact]
    public void Replicated_Secrets_Admit_The_Dr_Region_Nodes_By_Their_Reader_Tag()
    {
        var policies = ResourcePolicies(dr.App.Primary);
        var replicated = policies.Where(p => !Ref(p["SecretId"])!.Contains("RedisAuthToken", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, replicated.Count); // the database secret and the encryption password; the cache's token stays in its region
        var drRole = dr.App.Dr.IdsOf("AWS::IAM::Role").Single(id => id.Contains("NodeRole", StringComparison.Ordinal));
        var roleTags = dr.App.Dr.AllResources[drRole]!["Properties"]!["Tags"]!.AsArray();
        foreach (var policy in replicated)
        {
            var tags = SingleDeny(policy)["Condition"]!["StringNotEquals"]!["aws:PrincipalTag/tfe:secret-reader"]!.AsArray().Select(t => (string?)t).ToList();
            var tag = Assert.Single(tags);
            Assert.Contains(roleTags, t => (string?)t!["Key"] == "tfe:secret-reader" && (string?)t["Value"] == tag);
        }

        Assert.All(policies.Except(replicated), p => Assert.False(SingleDeny(p)["Condition"]!.AsObject().ContainsKey("StringNotEquals")));
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
        Assert.Contains(kms, s => (string?)s["Condition"]!["StringEquals"]!["kms:ViaService"] == "s3.us-east-1.amazonaws.com" && Actions(s).Contains("kms:GenerateDataKey"));

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

    [Fact]
    public void Classic_Load_Balancer_Offers_Tls_1_2_With_Only_Forward_Secret_Gcm_Suites()
    {
        var clbId = clb.Synth.IdsOf("AWS::ElasticLoadBalancing::LoadBalancer").Single();
        var policy = clb.Synth.AllResources[clbId]!["Properties"]!["Policies"]!.AsArray().Single(p => (string?)p!["PolicyType"] == "SSLNegotiationPolicyType")!;
        var enabled = policy["Attributes"]!.AsArray().Where(a => (string?)a!["Value"] == "true").Select(a => (string)a!["Name"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "Protocol-TLSv1.2", "Server-Defined-Cipher-Order"],
            enabled);
        Assert.DoesNotContain(policy["Attributes"]!.AsArray(), a => (string?)a!["Name"] == "Reference-Security-Policy");
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

    private static List<JsonObject> NodePolicyStatements(SynthesizedTemplate t) =>
        t.AllResources[t.IdsOf("AWS::IAM::Policy").Single(id => id.Contains("NodeRole", StringComparison.Ordinal))]!["Properties"]!["PolicyDocument"]!["Statement"]!
            .AsArray().Select(s => s!.AsObject()).ToList();

    private static IEnumerable<string> Actions(JsonObject statement) => statement["Action"] switch
    {
        JsonArray many => many.Select(a => (string)a!),
        var one => [(string)one!],
    };

    private static List<JsonObject> DataKeyStatements(SynthesizedTemplate t) =>
        t.AllResources[t.IdsOf("AWS::KMS::Key").Single(id => id.Contains("DataKey", StringComparison.Ordinal))]!["Properties"]!["KeyPolicy"]!["Statement"]!
            .AsArray().Select(s => s!.AsObject()).ToList();

    private static List<JsonObject> ResourcePolicies(SynthesizedTemplate t) =>
        t.IdsOf("AWS::SecretsManager::ResourcePolicy").Select(id => t.AllResources[id]!["Properties"]!.AsObject()).ToList();

    /// <summary>The only statement of a secret's policy: a Deny of GetSecretValue (reads only, never management) to every principal.</summary>
    private static JsonObject SingleDeny(JsonObject policy)
    {
        var statement = Assert.Single(policy["ResourcePolicy"]!["Statement"]!.AsArray())!.AsObject();
        Assert.Equal("Deny", (string?)statement["Effect"]);
        Assert.Equal("*", (string?)statement["Principal"]!["AWS"]);
        Assert.Equal("secretsmanager:GetSecretValue", (string?)statement["Action"]);
        Assert.Equal("false", (string?)statement["Condition"]!["Bool"]!["aws:PrincipalIsAWSService"]);
        return statement;
    }

    /// <summary>The principals the deny exempts: plain ARNs, <c>Fn::Sub</c> templates, or <c>GetAtt:Id</c> for a role of the stack.</summary>
    private static List<string> Readers(JsonObject deny) =>
        deny["Condition"]!["ArnNotLike"]!["aws:PrincipalArn"]!.AsArray().Select(a => a switch
        {
            JsonValue v => (string)v!,
            JsonObject o when o["Fn::Sub"] is { } sub => (string)sub!,
            JsonObject o => "GetAtt:" + (string?)o["Fn::GetAtt"]![0],
            _ => throw new InvalidOperationException("unexpected reader"),
        }).ToList();

    private static string? Ref(JsonNode? node) => (string?)node?["Ref"];
}
