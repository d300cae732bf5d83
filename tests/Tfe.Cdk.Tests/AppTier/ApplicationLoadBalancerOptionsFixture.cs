using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>Standalone behind an internet-facing Application Load Balancer with every app-tier option changed from its default.</summary>
public sealed class ApplicationLoadBalancerOptionsFixture : StandaloneFixture
{
    public const string IngressCidr = "203.0.113.0/24";

    /// <summary>A digest of the right shape (sha256: and 64 lower-case hex digits); the nodes pull and run tag@digest.</summary>
    /// <summary>The ECR repository the image was copied into (<c>ImageSource</c>), imported by name.</summary>
    public const string EcrRepositoryName = "hashicorp/terraform-enterprise";

    public const string PinnedDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public ApplicationLoadBalancerOptionsFixture()
        : base(stack => new TfeStandaloneProps
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License", "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            InternetFacing = true,
            IngressCidrs = [IngressCidr],
            HttpRedirect = false,
            StickySessions = true,
            InstanceType = InstanceType.Of(InstanceClass.M5, InstanceSize.XLARGE2),
            RootVolumeSizeGiB = 100,
            TfeVersion = "1.2.0",
            ImageDigest = PinnedDigest,
            ImageSource = TfeImageSource.FromEcr(Repository.FromRepositoryName(stack, "TfeImages", EcrRepositoryName)),
            AdditionalSettings = new Dictionary<string, string> { ["TFE_CAPACITY_CONCURRENCY"] = "20" },
            AlarmTopic = Scaffolding.Nag(new Topic(stack, "Alarms", new TopicProps { EnforceSSL = true }), "AwsSolutions-SNS3", "SNSEncryptedKMS"),
            BootTimeout = Duration.Minutes(45),
            CaBundle = Secret.FromSecretNameV2(stack, "CaBundle", "tfe/ca-bundle"),
            IactSubnets = ["10.0.0.0/16", "2001:db8::/32"],
            IactTimeLimit = Duration.Minutes(120),
            InitialAdmin = new TfeInitialAdmin { Username = "admin", Email = "tfe-admins@example.com" },
            ReachableCidrs = ["172.16.0.0/14", "192.168.0.0/16"],
        })
    {
        TopicId = SingleIdOf("AWS::SNS::Topic");
    }

    /// <summary>The alarm topic's logical id.</summary>
    public string TopicId { get; }
}
