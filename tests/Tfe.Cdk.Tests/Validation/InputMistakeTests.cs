using Amazon.CDK;
using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Tfe.Cdk.Constructs;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;

namespace Tfe.Cdk.Tests.Validation;

/// <summary>
/// One case per kind of mistake a user can make (issue #9), each through the public constructor: refused with one
/// <see cref="TfeValidationException"/> that names the rule id and the prop. The cases share one stack (nothing is synthesized).
/// </summary>
public sealed class InputMistakeTests
{
    /// <summary>Case name → (the props, the rule id expected, the prop named).</summary>
    internal static readonly Dictionary<string, (Func<MistakeContext, object?> Props, string RuleId, string Property)> Cases = new()
    {
        // Required props that are null, empty or blank.
        ["Hostname null"] = (c => c.Standalone() with { Hostname = null! }, "NET-2", "Hostname"),
        ["Hostname blank"] = (c => c.Standalone() with { Hostname = "   " }, "NET-2", "Hostname"),
        ["License null"] = (c => c.Standalone() with { License = null! }, "COMP-4", "License"),
        ["Standalone props null"] = (_ => null!, "MODE-1", "props"),
        ["DataTier Network null"] = (c => c.DataTier() with { Network = null! }, "DB-4", "Network"),
        ["Redis Network null"] = (c => c.Redis() with { Network = null! }, "REDIS-1", "Network"),
        ["AppTier Network and DataTier null"] = (c => new TfeAppTierProps { Hostname = "tfe.example.com", License = c.License, LoadBalancerCertificate = c.Certificate, Network = null!, DataTier = null! }, "NET-1", "Network"),
        ["NodeCertificate FromSecret(null)"] = (c => c.Standalone() with { NodeCertificate = TfeNodeCertificate.FromSecret(null!) }, "TLS-1", "NodeCertificate"),
        ["Redis version Of(null)"] = (c => c.Redis() with { EngineVersion = TfeRedisVersion.Of(null!) }, "REDIS-8", "EngineVersion"),

        // Instance type names.
        ["InstanceType upper case"] = (c => c.Standalone() with { InstanceType = new InstanceType("M5.XLARGE") }, "COMP-1", "InstanceType"),
        ["InstanceType unknown family"] = (c => c.Standalone() with { InstanceType = new InstanceType("q9.xlarge") }, "COMP-1", "InstanceType"),
        ["InstanceType unknown size"] = (c => c.Standalone() with { InstanceType = new InstanceType("m5.5xlarge") }, "COMP-1", "InstanceType"),
        ["InstanceType whitespace"] = (c => c.Standalone() with { InstanceType = new InstanceType(" m5.xlarge") }, "COMP-1", "InstanceType"),
        ["DatabaseInstanceType with db. prefix"] = (c => c.DataTier() with { DatabaseInstanceType = new InstanceType("db.m6i.xlarge") }, "DB-2", "DatabaseInstanceType"),
        ["DatabaseInstanceType unknown family"] = (c => c.DataTier() with { DatabaseInstanceType = new InstanceType("c5.4xlarge") }, "DB-2", "DatabaseInstanceType"),
        ["NodeType stray whitespace"] = (c => c.Redis() with { NodeType = "cache.m5.large " }, "REDIS-6", "NodeType"),
        ["NodeType unknown family"] = (c => c.Redis() with { NodeType = "cache.m9.large" }, "REDIS-6", "NodeType"),

        // Numbers outside AWS's limits, and token numbers cast to int.
        ["RootVolumeSizeGiB beyond gp3"] = (c => c.Standalone() with { RootVolumeSizeGiB = 20000 }, "COMP-1", "RootVolumeSizeGiB"),
        ["RootVolumeSizeGiB token"] = (c => c.Standalone() with { RootVolumeSizeGiB = c.IntToken }, "COMP-1", "RootVolumeSizeGiB"),
        ["NodeCount token"] = (c => c.ActiveActive() with { NodeCount = c.IntToken }, "MODE-3", "NodeCount"),
        ["Redis Port token"] = (c => c.Redis() with { Port = c.IntToken }, "REDIS-7", "Port"),
        ["DatabaseAllocatedStorageGiB token"] = (c => c.DataTier() with { DatabaseAllocatedStorageGiB = c.IntToken }, "DB-2", "DatabaseAllocatedStorageGiB"),
        ["DatabaseMaxAllocatedStorageGiB beyond RDS"] = (c => c.DataTier() with { DatabaseMaxAllocatedStorageGiB = 70000 }, "DB-2", "DatabaseMaxAllocatedStorageGiB"),
        ["MaxAzs token"] = (c => new TfeNetworkProps { MaxAzs = c.IntToken }, "DB-1", "MaxAzs"),
        ["NatGateways more than AZs"] = (_ => new TfeNetworkProps { MaxAzs = 2, NatGateways = 3 }, "NET-1", "NatGateways"),
        ["NatGateways token"] = (c => new TfeNetworkProps { NatGateways = c.IntToken }, "NET-1", "NatGateways"),

        // Durations.
        ["DrainTimeout zero"] = (c => c.ActiveActive() with { DrainTimeout = Duration.Seconds(0) }, "OPS-3", "DrainTimeout"),
        ["DrainTimeout a minute"] = (c => c.ActiveActive() with { DrainTimeout = Duration.Minutes(1) }, "OPS-3", "DrainTimeout"),
        ["DrainTimeout beyond 40 minutes"] = (c => c.ActiveActive() with { DrainTimeout = Duration.Minutes(41) }, "OPS-3", "DrainTimeout"),
        ["DrainTimeout token"] = (c => c.ActiveActive() with { DrainTimeout = Duration.Seconds(c.NumberParameter.ValueAsNumber) }, "OPS-3", "DrainTimeout"),
        ["BootTimeout token"] = (c => c.Standalone() with { BootTimeout = Duration.Minutes(c.NumberParameter.ValueAsNumber) }, "COMP-3", "BootTimeout"),
        ["BootTimeout zero"] = (c => c.Standalone() with { BootTimeout = Duration.Seconds(0) }, "COMP-3", "BootTimeout"),
        ["BootTimeout 10000 days"] = (c => c.Standalone() with { BootTimeout = Duration.Days(10000) }, "COMP-3", "BootTimeout"),
        ["IactTimeLimit token"] = (c => c.Standalone() with { IactTimeLimit = Duration.Minutes(c.NumberParameter.ValueAsNumber) }, "COMP-4", "IactTimeLimit"),
        ["DatabaseBackupRetention token"] = (c => c.DataTier() with { DatabaseBackupRetention = Duration.Hours(c.NumberParameter.ValueAsNumber) }, "DB-3", "DatabaseBackupRetention"),
        ["DatabaseBackupRetention beyond RDS"] = (c => c.DataTier() with { DatabaseBackupRetention = Duration.Days(100) }, "DB-3", "DatabaseBackupRetention"),

        // Enum values outside the enum.
        ["LoadBalancerType 42"] = (c => c.Standalone() with { LoadBalancerType = (TfeLoadBalancerType)42 }, "NET-1", "LoadBalancerType"),
        ["TargetType 42"] = (c => c.Standalone() with { LoadBalancerType = TfeLoadBalancerType.Network, LoadBalancerCertificate = null, NodeCertificate = TfeNodeCertificate.FromSecret(c.License), TargetType = (TfeTargetType)42 }, "TLS-5", "TargetType"),
        ["DnsFailover 42"] = (c => c.Standalone() with { DnsFailover = (TfeDnsFailover)42 }, "NET-3", "DnsFailover"),
        ["LogRetention 42"] = (c => c.Standalone() with { LogRetention = (RetentionDays)42 }, "OPS-2", "LogRetention"),
        ["RemovalPolicy 42"] = (c => c.DataTier() with { RemovalPolicy = (RemovalPolicy)42 }, "DB-3", "RemovalPolicy"),
        ["DatabaseAuthentication 42"] = (c => c.DataTier() with { DatabaseAuthentication = (TfeDatabaseAuthentication)42 }, "DB-1", "DatabaseAuthentication"),
        ["Redis Authentication 42"] = (c => c.Redis() with { Authentication = (TfeRedisAuthentication)42 }, "REDIS-7", "Authentication"),
        ["OperationalMode 42"] = (c => new TfeAppTierProps { Hostname = "tfe.example.com", License = c.License, LoadBalancerCertificate = c.Certificate, Network = c.Network, DataTier = null!, OperationalMode = (TfeOperationalMode)42 }, "MODE-2", "OperationalMode"),

        // ARNs that are not ARNs, or of another region.
        ["LoadBalancerCertificate not an ARN"] = (c => c.Standalone() with { LoadBalancerCertificate = Certificate.FromCertificateArn(c.Stack, c.NextId("Cert"), "abc") }, "TLS-1", "LoadBalancerCertificate"),
        ["LoadBalancerCertificate of another region"] = (c => c.Standalone() with { LoadBalancerCertificate = Certificate.FromCertificateArn(c.Stack, c.NextId("Cert"), "arn:aws:acm:eu-west-1:123456789012:certificate/abc") }, "TLS-1", "LoadBalancerCertificate"),
        ["LoadBalancerCertificate an ARN of another service"] = (c => c.Standalone() with { LoadBalancerCertificate = Certificate.FromCertificateArn(c.Stack, c.NextId("Cert"), "arn:aws:iam::123456789012:server-certificate/tfe") }, "TLS-1", "LoadBalancerCertificate"),
        ["Data EncryptionKey of another region"] = (c => c.DataTier() with { EncryptionKey = Key.FromKeyArn(c.Stack, c.NextId("Key"), "arn:aws:kms:eu-west-1:123456789012:key/abc") }, "DB-4", "EncryptionKey"),
        ["Redis EncryptionKey of another region"] = (c => c.Redis() with { EncryptionKey = Key.FromKeyArn(c.Stack, c.NextId("Key"), "arn:aws:kms:eu-west-1:123456789012:key/abc") }, "REDIS-7", "EncryptionKey"),
        ["License secret of another region"] = (c => c.Standalone() with { License = Secret.FromSecretCompleteArn(c.Stack, c.NextId("Lic"), "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tfe-AbCdEf") }, "COMP-4", "License"),
        ["CaBundle secret of another region"] = (c => c.Standalone() with { CaBundle = Secret.FromSecretCompleteArn(c.Stack, c.NextId("Ca"), "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tfe-ca-AbCdEf") }, "TLS-1", "CaBundle"),
        ["SecretsEncryptionKey of another region"] = (c => c.Standalone() with { SecretsEncryptionKey = Key.FromKeyArn(c.Stack, c.NextId("Key"), "arn:aws:kms:eu-west-1:123456789012:key/abc") }, "COMP-4", "SecretsEncryptionKey"),
        ["LoadBalancerWebAclArn of another region"] = (c => c.Standalone() with { LoadBalancerWebAclArn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/tfe/abc" }, "NET-1", "LoadBalancerWebAclArn"),
        ["FlowLogsEncryptionKey of another region"] = (c => new TfeNetworkProps { FlowLogsEncryptionKey = Key.FromKeyArn(c.Stack, c.NextId("Key"), "arn:aws:kms:eu-west-1:123456789012:key/abc") }, "NET-1", "FlowLogsEncryptionKey"),
        ["AlarmTopic of another region"] = (c => c.Standalone() with { AlarmTopic = Topic.FromTopicArn(c.Stack, c.NextId("Topic"), "arn:aws:sns:eu-west-1:123456789012:alarms") }, "OPS-2", "AlarmTopic"),
        ["LogForwarding bucket of another region"] = (c => c.Standalone() with { LogForwarding = TfeLogForwarding.ToS3(Amazon.CDK.AWS.S3.Bucket.FromBucketAttributes(c.Stack, c.NextId("LogBucket"), new Amazon.CDK.AWS.S3.BucketAttributes { BucketName = "tfe-logs-eu", Region = "eu-west-1" })) }, "OPS-2", "LogForwarding.Bucket"),
        ["LogForwarding log group of another region"] = (c => c.Standalone() with { LogForwarding = TfeLogForwarding.ToCloudWatchLogs(Amazon.CDK.AWS.Logs.LogGroup.FromLogGroupArn(c.Stack, c.NextId("LogGroup"), "arn:aws:logs:eu-west-1:123456789012:log-group:tfe:*")) }, "OPS-2", "LogForwarding.LogGroup"),
        ["LogForwarding prefix with a .. segment"] = (c => c.Standalone() with { LogForwarding = TfeLogForwarding.ToS3(prefix: "tfe/../other") }, "OPS-2", "LogForwarding.Prefix"),
        ["LogForwarding prefix with a leading /"] = (c => c.Standalone() with { LogForwarding = TfeLogForwarding.ToS3(prefix: "/tfe-logs") }, "OPS-2", "LogForwarding.Prefix"),
        ["LogForwarding prefix with a Fluent Bit variable"] = (c => c.Standalone() with { LogForwarding = TfeLogForwarding.ToS3(prefix: "tfe/$TAG") }, "OPS-2", "LogForwarding.Prefix"),
        ["LogForwarding prefix empty"] = (c => c.Standalone() with { LogForwarding = TfeLogForwarding.ToS3(prefix: "") }, "OPS-2", "LogForwarding.Prefix"),
        ["LogForwarding prefix token"] = (c => c.Standalone() with { LogForwarding = TfeLogForwarding.ToS3(prefix: c.TextToken) }, "OPS-2", "LogForwarding.Prefix"),
        ["LogForwarding on a release without it"] = (c => c.Standalone() with { TfeVersion = "v202308-1", LogForwarding = TfeLogForwarding.ToCloudWatchLogs() }, "COMP-4", "LogForwarding"),
        ["AdditionalSettings log forwarding managed"] = (c => c.Standalone() with { AdditionalSettings = new Dictionary<string, string> { ["TFE_LOG_FORWARDING_ENABLED"] = "true" } }, "COMP-4", "AdditionalSettings"),

        // Images.
        ["MachineImage Windows"] = (c => c.Standalone() with { MachineImage = MachineImage.GenericWindows(new Dictionary<string, string> { ["us-east-1"] = "ami-0123456789abcdef0" }) }, "COMP-1", "MachineImage"),
        ["MachineImage arm64 for an x86 type"] = (c => c.Standalone() with { MachineImage = MachineImage.LatestAmazonLinux2023(new AmazonLinux2023ImageSsmParameterProps { CpuType = AmazonLinuxCpuType.ARM_64 }) }, "COMP-1", "MachineImage"),
        ["MachineImage without this region"] = (c => c.Standalone() with { MachineImage = MachineImage.GenericLinux(new Dictionary<string, string> { ["eu-west-1"] = "ami-0123456789abcdef0" }) }, "COMP-1", "MachineImage"),
        ["MachineImage not an AMI id"] = (c => c.Standalone() with { MachineImage = MachineImage.GenericLinux(new Dictionary<string, string> { ["us-east-1"] = "image-1" }) }, "COMP-1", "MachineImage"),
        ["Graviton instance type with the default image"] = (c => c.Standalone() with { InstanceType = new InstanceType("m7g.xlarge") }, "COMP-1", "InstanceType"),

        // AdditionalSettings.
        ["AdditionalSettings misspelled name"] = (c => c.Standalone() with { AdditionalSettings = new Dictionary<string, string> { ["TFE_CAPACITY_CONCURENCY"] = "10" } }, "COMP-4", "AdditionalSettings"),
        ["AdditionalSettings integer not a number"] = (c => c.Standalone() with { AdditionalSettings = new Dictionary<string, string> { ["TFE_CAPACITY_CONCURRENCY"] = "ten" } }, "COMP-4", "AdditionalSettings[\"TFE_CAPACITY_CONCURRENCY\"]"),
        ["AdditionalSettings boolean not a boolean"] = (c => c.Standalone() with { AdditionalSettings = new Dictionary<string, string> { ["TFE_METRICS_ENABLE"] = "yes" } }, "COMP-4", "AdditionalSettings[\"TFE_METRICS_ENABLE\"]"),
        ["AdditionalSettings null value"] = (c => c.Standalone() with { AdditionalSettings = new Dictionary<string, string> { ["TFE_LOG_LEVEL"] = null! } }, "COMP-4", "AdditionalSettings[\"TFE_LOG_LEVEL\"]"),
        ["AdditionalSettings token name"] = (c => c.Standalone() with { AdditionalSettings = new Dictionary<string, string> { [c.TextToken] = "x" } }, "COMP-4", "AdditionalSettings"),
        ["IngressCidrs null element"] = (c => c.Standalone() with { IngressCidrs = [null!] }, "NET-1", "IngressCidrs"),
        ["DockerAddressRange overlaps the VPC"] = (c => c.Standalone() with { DockerAddressRange = "10.20.0.0/16" }, "NET-1", "DockerAddressRange"),
        ["DockerAddressRange overlaps ReachableCidrs"] = (c => c.Standalone() with { ReachableCidrs = ["172.16.0.0/12"], DockerAddressRange = "172.20.0.0/16" }, "NET-1", "DockerAddressRange"),
        ["ReachableCidrs not a CIDR"] = (c => c.Standalone() with { ReachableCidrs = ["corp"] }, "NET-1", "ReachableCidrs"),

        // Tokens that must be known at synth.
        ["TfeVersion token"] = (c => c.Standalone() with { TfeVersion = c.TextToken }, "COMP-4", "TfeVersion"),
        ["InitialAdmin Username blank"] = (c => c.Standalone() with { InitialAdmin = new TfeInitialAdmin { Username = " ", Email = "a@example.com" } }, "COMP-4", "InitialAdmin.Username"),
        ["InitialAdmin Username with a space"] = (c => c.Standalone() with { InitialAdmin = new TfeInitialAdmin { Username = "first admin", Email = "a@example.com" } }, "COMP-4", "InitialAdmin.Username"),
        ["InitialAdmin Username token"] = (c => c.Standalone() with { InitialAdmin = new TfeInitialAdmin { Username = c.TextToken, Email = "a@example.com" } }, "COMP-4", "InitialAdmin.Username"),
        ["InitialAdmin Email without @"] = (c => c.Standalone() with { InitialAdmin = new TfeInitialAdmin { Username = "admin", Email = "admins.example.com" } }, "COMP-4", "InitialAdmin.Email"),
        ["InitialAdmin Email null"] = (c => c.Standalone() with { InitialAdmin = new TfeInitialAdmin { Username = "admin", Email = null! } }, "COMP-4", "InitialAdmin.Email"),
        ["ImageDigest token"] = (c => c.Standalone() with { ImageDigest = c.TextToken }, "COMP-4", "ImageDigest"),
        ["ImageDigest without its algorithm"] = (c => c.Standalone() with { ImageDigest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }, "COMP-4", "ImageDigest"),
        ["ImageDigest upper-case hex"] = (c => c.Standalone() with { ImageDigest = "sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF" }, "COMP-4", "ImageDigest"),
        ["ImageDigest 63 hex digits"] = (c => c.Standalone() with { ImageDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde" }, "COMP-4", "ImageDigest"),
        ["ImageDigest sha512"] = (c => c.Standalone() with { ImageDigest = "sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }, "COMP-4", "ImageDigest"),
        ["ImageSource FromEcr(null)"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromEcr(null!) }, "COMP-4", "ImageSource"),
        ["ImageSource ECR name with upper case"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromEcr(Amazon.CDK.AWS.ECR.Repository.FromRepositoryName(c.Stack, c.NextId("Repo"), "HashiCorp/TFE")) }, "COMP-4", "ImageSource"),
        ["ImageSource ECR ARN of another service"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromEcr(Amazon.CDK.AWS.ECR.Repository.FromRepositoryAttributes(c.Stack, c.NextId("Repo"), new Amazon.CDK.AWS.ECR.RepositoryAttributes { RepositoryArn = "arn:aws:s3:::tfe-images", RepositoryName = "terraform-enterprise" })) }, "COMP-4", "ImageSource"),
        ["ImageSource registry with a scheme"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry("https://registry.example.com/tfe", c.License) }, "COMP-4", "ImageSource"),
        ["ImageSource registry with a tag"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry("registry.example.com/tfe:1.0.3", c.License) }, "COMP-4", "ImageSource"),
        ["ImageSource registry without a host"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry("hashicorp/terraform-enterprise", c.License) }, "COMP-4", "ImageSource"),
        ["ImageSource registry port 70000"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry("registry.example.com:70000/tfe", c.License) }, "COMP-4", "ImageSource"),
        ["ImageSource registry is HashiCorp's"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry("images.releases.hashicorp.com/hashicorp/terraform-enterprise", c.License) }, "COMP-4", "ImageSource"),
        ["ImageSource registry token"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry(c.TextToken, c.License) }, "COMP-4", "ImageSource"),
        ["ImageSource registry blank"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry(" ", c.License) }, "COMP-4", "ImageSource"),
        ["ImageSource credentials null"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry("registry.example.com/tfe", null!) }, "COMP-4", "ImageSource.Credentials"),
        ["ImageSource credentials of another region"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry("registry.example.com/tfe", Secret.FromSecretCompleteArn(c.Stack, c.NextId("Reg"), "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tfe-registry-AbCdEf")) }, "COMP-4", "ImageSource.Credentials"),
        ["ImageSource credentials without a password"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry("registry.example.com/tfe", new Secret(c.Stack, c.NextId("Reg"), new SecretProps { SecretStringValue = SecretValue.UnsafePlainText("{\"username\":\"tfe-pull\"}") })) }, "COMP-4", "ImageSource.Credentials"),
        ["ImageSource credentials a generated string"] = (c => c.Standalone() with { ImageSource = TfeImageSource.FromRegistry("registry.example.com/tfe", new Secret(c.Stack, c.NextId("Reg"), new SecretProps { GenerateSecretString = new SecretStringGenerator { ExcludePunctuation = true } })) }, "COMP-4", "ImageSource.Credentials"),
        ["Redis EngineVersion token"] = (c => c.Redis() with { EngineVersion = TfeRedisVersion.Of(c.TextToken) }, "REDIS-8", "EngineVersion"),
        ["CidrBlock token"] = (c => new TfeNetworkProps { CidrBlock = c.TextToken }, "NET-1", "CidrBlock"),

        // Network: CIDRs and subnet selections the CDK would refuse later.
        ["CidrBlock not a CIDR"] = (_ => new TfeNetworkProps { CidrBlock = "abc" }, "NET-1", "CidrBlock"),
        ["CidrBlock prefix too long"] = (_ => new TfeNetworkProps { CidrBlock = "10.0.0.0/29" }, "NET-1", "CidrBlock"),
        ["CidrBlock too small for the subnets"] = (_ => new TfeNetworkProps { CidrBlock = "10.0.0.0/20" }, "NET-1", "CidrBlock"),
        ["CidrBlock host bits set"] = (_ => new TfeNetworkProps { CidrBlock = "10.0.0.1/16" }, "NET-1", "CidrBlock"),
        ["DataSubnets group that does not exist"] = (c => c.DataTier() with { Network = new TfeNetwork(c.Stack, c.NextId("Net"), new TfeNetworkProps { S3GatewayEndpoint = false, Vpc = c.Vpc, DataSubnets = new SubnetSelection { SubnetGroupName = "Nope" } }) }, "DB-4", "Network.DataSubnets"),
        ["DataSubnets public"] = (c => c.DataTier() with { Network = new TfeNetwork(c.Stack, c.NextId("Net"), new TfeNetworkProps { S3GatewayEndpoint = false, Vpc = c.Vpc, DataSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC } }) }, "DB-4", "Network.DataSubnets"),
        ["Multi-AZ database in one AZ"] = (c => c.DataTier() with { Network = new TfeNetwork(c.Stack, c.NextId("Net"), new TfeNetworkProps { Vpc = c.ImportVpc("OneAz", "vpc-0one", ["us-east-1a"]) }) }, "DB-1", "Network.DataSubnets"),
        ["Nodes in public subnets"] = (c => c.Standalone() with { Network = new TfeNetwork(c.Stack, c.NextId("Net"), new TfeNetworkProps { S3GatewayEndpoint = false, Vpc = c.Vpc, PrivateSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC }, DataSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED } }) }, "NET-1", "Network.PrivateSubnets"),
        ["Active/Active nodes in one AZ"] = (c => c.ActiveActive() with { Network = new TfeNetwork(c.Stack, c.NextId("Net"), new TfeNetworkProps { Vpc = c.ImportVpc("OneAz", "vpc-0one2", ["us-east-1a"]) }) }, "MODE-5", "Network"),

        // Options set where they cannot apply, or that would add nothing.
        ["LoadBalancerDeletionProtection on a Classic LB"] = (c => c.Standalone() with { LoadBalancerType = TfeLoadBalancerType.Classic, LoadBalancerDeletionProtection = true }, "NET-1", "LoadBalancerDeletionProtection"),
        ["DatabaseBackupCopyVault in the stack's region"] = (c => c.DataTier() with { DatabaseBackupCopyVault = BackupVault.FromBackupVaultName(c.Stack, c.NextId("Vault"), "tfe-dr") }, "DR-1", "DatabaseBackupCopyVault"),
        ["FlowLogsEncryptionKey with an existing Vpc"] = (c => new TfeNetworkProps { Vpc = c.Vpc, FlowLogsEncryptionKey = Key.FromKeyArn(c.Stack, c.NextId("Key"), "arn:aws:kms:us-east-1:123456789012:key/abc") }, "NET-1", "FlowLogsEncryptionKey"),
        ["FlowLogsEncryptionKey with FlowLogs off"] = (c => new TfeNetworkProps { FlowLogs = false, FlowLogsEncryptionKey = Key.FromKeyArn(c.Stack, c.NextId("Key"), "arn:aws:kms:us-east-1:123456789012:key/abc") }, "NET-1", "FlowLogsEncryptionKey"),

        // DNS.
        ["HostedZone without a name"] = (c => c.Standalone() with { HostedZone = HostedZone.FromHostedZoneId(c.Stack, c.NextId("Zone"), "Z123") }, "NET-2", "HostedZone"),

        // Disaster recovery: the shared settings, the storage and the standby region.
        ["DisasterRecovery NamePrefix not a name"] = (c => c.Standalone() with { DisasterRecovery = c.Dr.Settings with { NamePrefix = "TFE_Prod" } }, "DR-2", "DisasterRecovery.NamePrefix"),
        ["NamePrefix not a name"] = (c => c.Standalone() with { NamePrefix = "TFE_Prod" }, "DB-1", "NamePrefix"),
        ["NamePrefix 25 characters"] = (c => c.Standalone() with { NamePrefix = new string('a', 25) }, "DB-1", "NamePrefix"),
        ["AdoptNames identifier not an RDS identifier"] = (c => c.Standalone() with { AdoptNames = new TfePhysicalNames { DatabaseIdentifier = "1db--old", DatabaseSecretName = "db", EncryptionPasswordSecretName = "pw" } }, "DB-1", "AdoptNames.DatabaseIdentifier"),
        ["AdoptNames secret name blank"] = (c => c.Standalone() with { AdoptNames = new TfePhysicalNames { DatabaseIdentifier = "olddb", DatabaseSecretName = " ", EncryptionPasswordSecretName = "pw" } }, "DB-1", "AdoptNames.DatabaseSecretName"),
        ["AdoptNames without the library's password"] = (c => c.Standalone() with { AdoptNames = new TfePhysicalNames { DatabaseIdentifier = "olddb", DatabaseSecretName = "db" } }, "DB-1", "AdoptNames.EncryptionPasswordSecretName"),
        ["AdoptNames password name with the user's password"] = (c => c.Standalone() with { EncryptionPassword = c.License, AdoptNames = new TfePhysicalNames { DatabaseIdentifier = "olddb", DatabaseSecretName = "db", EncryptionPasswordSecretName = "pw" } }, "DB-1", "AdoptNames.EncryptionPasswordSecretName"),
        ["DisasterRecovery NamePrefix not the deployment's"] = (c => c.Standalone() with { DisasterRecovery = c.Dr.Settings }, "DR-2", "DisasterRecovery.NamePrefix"),
        ["BackupReplicationKeyArn an alias"] = (c => c.Standalone() with { NamePrefix = c.Dr.ColdSettings.NamePrefix, DisasterRecovery = c.Dr.ColdSettings with { BackupReplicationKeyArn = "arn:aws:kms:us-west-2:123456789012:alias/tfe-dr-data" } }, "DR-3", "DisasterRecovery.BackupReplicationKeyArn"),
        ["BackupReplicationKeyArn of the primary region"] = (c => c.Standalone() with { NamePrefix = c.Dr.ColdSettings.NamePrefix, DisasterRecovery = c.Dr.ColdSettings with { BackupReplicationKeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }, "DR-3", "DisasterRecovery.BackupReplicationKeyArn"),
        ["BackupReplicationKeyArn on a warm standby"] = (c => c.Standalone() with { NamePrefix = c.Dr.Settings.NamePrefix, DisasterRecovery = c.Dr.Settings with { BackupReplicationKeyArn = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }, "DR-3", "DisasterRecovery.BackupReplicationKeyArn"),
        ["DrRegion TfeVersion other than the primary's"] = (c => c.DrRegion() with { TfeVersion = "1.1.1" }, "DR-2", "TfeVersion"),
        ["DrRegion PostgreSQL major other than the primary's"] = (c => c.DrRegion() with { DatabaseEngineVersion = Amazon.CDK.AWS.RDS.PostgresEngineVersion.Of("17.5", "17") }, "DR-2", "DatabaseEngineVersion"),
        ["DrRegion Redis other than the primary's"] = (c => c.ActiveActiveDrRegion() with { Redis = new TfeRedisOptions { EngineVersion = TfeRedisVersion.Of("6.2") } }, "DR-2", "Redis.EngineVersion"),
        ["DisasterRecovery StandbyMode 42"] = (c => c.DrStorage() with { DisasterRecovery = c.Dr.Settings with { StandbyMode = (TfeStandbyMode)42 } }, "DR-2", "DisasterRecovery.StandbyMode"),
        ["DrStorage DisasterRecovery null"] = (c => c.DrStorage() with { DisasterRecovery = null! }, "DR-2", "DisasterRecovery"),
        ["DrStorage RemovalPolicy 42"] = (c => c.DrStorage() with { RemovalPolicy = (RemovalPolicy)42 }, "DR-4", "RemovalPolicy"),
        ["DrStorage RemovalPolicy SNAPSHOT"] = (c => c.DrStorage() with { RemovalPolicy = RemovalPolicy.SNAPSHOT }, "DR-4", "RemovalPolicy"),
        ["DrRegion DisasterRecovery null"] = (c => c.DrRegion() with { DisasterRecovery = null! }, "DR-2", "DisasterRecovery"),
        ["DrRegion Storage null"] = (c => c.DrRegion() with { Storage = null! }, "DR-2", "Storage"),
        ["DrRegion Primary null"] = (c => c.DrRegion() with { Primary = null! }, "DR-2", "Primary"),
        ["DrRegion NamePrefix of another pair"] = (c => c.DrRegion() with { DisasterRecovery = c.Dr.Settings with { NamePrefix = "tfe-other" } }, "DR-2", "Storage"),
        ["DrRegion License of the primary region"] = (c => c.DrRegion() with { License = c.License }, "DR-2", "License"),
        ["DrRegion InstanceType burstable"] = (c => c.DrRegion() with { InstanceType = new InstanceType("t3.xlarge") }, "COMP-2", "InstanceType"),
        ["DrRegion NodeCount 6"] = (c => c.ActiveActiveDrRegion() with { NodeCount = 6 }, "MODE-3", "NodeCount"),
        ["DrRegion NodeCount 0"] = (c => c.ActiveActiveDrRegion() with { NodeCount = 0 }, "MODE-3", "NodeCount"),
        ["DrRegion NodeCount token"] = (c => c.ActiveActiveDrRegion() with { NodeCount = c.IntToken }, "MODE-3", "NodeCount"),
        ["DrRegion NodeCount 2 for a Standalone primary"] = (c => c.DrRegion() with { NodeCount = 2 }, "MODE-1", "NodeCount"),
        ["DrRegion DrainTimeout a minute"] = (c => c.ActiveActiveDrRegion() with { DrainTimeout = Duration.Minutes(1) }, "OPS-3", "DrainTimeout"),
        ["DrRegion DrainTimeout token"] = (c => c.ActiveActiveDrRegion() with { DrainTimeout = Duration.Minutes(c.NumberParameter.ValueAsNumber) }, "OPS-3", "DrainTimeout"),
        ["DrRegion DrainTimeout for a Standalone primary"] = (c => c.DrRegion() with { DrainTimeout = Duration.Minutes(30) }, "OPS-3", "DrainTimeout"),
        ["DrRegion DatabaseBackupRetention zero"] = (c => c.DrRegion() with { DatabaseBackupRetention = Duration.Days(0) }, "DB-3", "DatabaseBackupRetention"),
        ["DrRegion DatabaseBackupRetention 36 hours"] = (c => c.DrRegion() with { DatabaseBackupRetention = Duration.Hours(36) }, "DB-3", "DatabaseBackupRetention"),
        ["DrRegion DatabaseBackupRetention token in hours"] = (c => c.DrRegion() with { DatabaseBackupRetention = Duration.Hours(c.NumberParameter.ValueAsNumber) }, "DB-3", "DatabaseBackupRetention"),
        ["DrRegion DatabaseInstanceType with db. prefix"] = (c => c.DrRegion() with { DatabaseInstanceType = new InstanceType("db.m6i.xlarge") }, "DB-2", "DatabaseInstanceType"),
        ["DrRegion DatabaseInstanceType too small"] = (c => c.DrRegion() with { DatabaseInstanceType = new InstanceType("m6i.large") }, "DB-2", "DatabaseInstanceType"),
        ["DrRegion DatabaseEngineVersion unsupported major"] = (c => c.DrRegion() with { DatabaseEngineVersion = PostgresEngineVersion.Of("12.22", "12") }, "DB-1", "DatabaseEngineVersion"),
        ["DrRegion DatabaseEngineVersion not of its major"] = (c => c.DrRegion() with { DatabaseEngineVersion = PostgresEngineVersion.Of("16.1", "15") }, "DB-1", "DatabaseEngineVersion"),
        ["DrRegion DatabaseEngineVersion unsupported by the TfeVersion"] = (c => c.DrRegion() with { TfeVersion = "1.0.3", DatabaseEngineVersion = PostgresEngineVersion.Of("17.5", "17") }, "DB-1", "DatabaseEngineVersion"),
        ["DrRegion Network and NetworkOptions"] = (c => c.DrRegion() with { NetworkOptions = new TfeNetworkProps() }, "NET-1", "NetworkOptions"),
        ["DrRegion Redis and Cache"] = (c => c.ActiveActiveDrRegion() with { Redis = new TfeRedisOptions(), Cache = c.Dr.ActiveActivePrimary.Redis }, "DR-6", "Redis"),
        ["DrRegion Redis for a Standalone primary"] = (c => c.DrRegion() with { Redis = new TfeRedisOptions() }, "MODE-2", "Redis"),
        ["DrRegion Redis NodeType not a cache type"] = (c => c.ActiveActiveDrRegion() with { Redis = new TfeRedisOptions { NodeType = "m5.large" } }, "REDIS-6", "NodeType"),
        ["DrRegion HostedZone without a name"] = (c => c.DrRegion() with { HostedZone = HostedZone.FromHostedZoneId(c.Dr.Stack, c.NextId("Zone"), "Z123") }, "NET-2", "HostedZone"),
        ["DrRegion RestoreSource on a warm standby"] = (c => c.DrRegion() with { RestoreSource = TfeDrRestoreSource.FromSnapshot("tfe-final") }, "DR-3", "RestoreSource"),
        ["RestoreSource FromAutomatedBackups(null)"] = (c => c.ColdDrRegion() with { RestoreSource = TfeDrRestoreSource.FromAutomatedBackups(null!) }, "DR-3", "RestoreSource"),
        ["RestoreSource FromAutomatedBackups blank"] = (c => c.ColdDrRegion() with { RestoreSource = TfeDrRestoreSource.FromAutomatedBackups("  ") }, "DR-3", "RestoreSource"),
        ["RestoreSource FromAutomatedBackups not an ARN"] = (c => c.ColdDrRegion() with { RestoreSource = TfeDrRestoreSource.FromAutomatedBackups("ab-l2ijcexjp7xq7hoj4siexample") }, "DR-3", "RestoreSource"),
        ["RestoreSource FromAutomatedBackups of the primary region"] = (c => c.ColdDrRegion() with { RestoreSource = TfeDrRestoreSource.FromAutomatedBackups("arn:aws:rds:us-east-1:123456789012:auto-backup:ab-abc") }, "DR-3", "RestoreSource"),
        ["RestoreSource FromSnapshot(null)"] = (c => c.ColdDrRegion() with { RestoreSource = TfeDrRestoreSource.FromSnapshot(null!) }, "DR-3", "RestoreSource"),
        ["RestoreSource FromSnapshot not an identifier"] = (c => c.ColdDrRegion() with { RestoreSource = TfeDrRestoreSource.FromSnapshot("tfe final snapshot") }, "DR-3", "RestoreSource"),
        ["RestoreSource FromSnapshot of the primary region"] = (c => c.ColdDrRegion() with { RestoreSource = TfeDrRestoreSource.FromSnapshot("arn:aws:rds:us-east-1:123456789012:snapshot:tfe-final") }, "DR-3", "RestoreSource"),
        ["RestoreSource FromSnapshot ARN of another service"] = (c => c.ColdDrRegion() with { RestoreSource = TfeDrRestoreSource.FromSnapshot("arn:aws:ec2:us-west-2:123456789012:snapshot/snap-0123") }, "DR-3", "RestoreSource"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Refuses(string name)
    {
        var context = MistakeContext.Current;
        var (props, ruleId, property) = Cases[name];
        var error = Assert.Throws<TfeValidationException>(() => context.Build(props(context)));
        Assert.True(error.Violations.Any(v => v.RuleId == ruleId && v.PropertyName == property),
            $"{name}: expected {ruleId} on {property}, got:{System.Environment.NewLine}{error.Message}");
        Assert.Contains(ruleId, error.Message, StringComparison.Ordinal);
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DR-2")]
    public void A_Dr_Region_Reports_The_Mistakes_Of_Every_Tier_In_One_Exception_DR_2()
    {
        var context = MistakeContext.Current;
        var error = Assert.Throws<TfeValidationException>(() => context.Build(context.DrRegion() with
        {
            InstanceType = new InstanceType("t3.xlarge"),
            NodeCount = 2,
            DatabaseInstanceType = new InstanceType("db.m6i.xlarge"),
            DatabaseBackupRetention = Duration.Days(0),
            HostedZone = HostedZone.FromHostedZoneId(context.Dr.Stack, context.NextId("Zone"), "Z123"),
        }));

        Assert.Superset(new HashSet<string> { "COMP-2", "MODE-1", "DB-2", "DB-3", "NET-2", "DR-5" }, error.RuleIds.ToHashSet());
    }

    [Fact]
    [Trait("Rule", "DR-3")]
    public void A_Cold_Standby_Accepts_Restore_Sources_RDS_Names_And_Warns_On_A_Token_DR_3()
    {
        var context = MistakeContext.Current;
        context.Build(context.ColdDrRegion() with { Promoted = true, RestoreSource = TfeDrRestoreSource.FromSnapshot("rds:tfe-mistakes-cold-db-2025-01-01-00-00") });
        context.Build(context.ColdDrRegion() with { RestoreSource = TfeDrRestoreSource.FromAutomatedBackups(context.TextToken) });
    }

    [Fact]
    public void A_Wrong_Case_Instance_Type_Is_Quoted_In_The_Message()
    {
        var context = MistakeContext.Current;
        var error = Assert.Throws<TfeValidationException>(() => context.Build(context.Redis() with { NodeType = "cache.m5.large " }));
        Assert.Contains("got \"cache.m5.large \"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "NET-2")]
    public void Refuses_A_Second_Deployment_Claiming_The_Same_Hostname_In_One_Zone_NET_2()
    {
        var stack = TestApp.NewStack();
        var zone = HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes { HostedZoneId = "Z123", ZoneName = "example.com" });
        var network = new TfeNetwork(stack, "Net");
        TfeStandaloneProps Props(string id) => new()
        {
            Hostname = "tfe.example.com",
            License = Secret.FromSecretNameV2(stack, "License" + id, "tfe/license"),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert" + id, "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
            Network = network,
            HostedZone = zone,
        };
        _ = new TfeStandalone(stack, "First", Props("1"));

        var error = Assert.Throws<TfeValidationException>(() => new TfeStandalone(stack, "Second", Props("2")));

        Assert.Contains(error.Violations, v => v.RuleId == "NET-2" && v.PropertyName == "Hostname" && v.Problem.Contains("Test/First", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "DB-4")]
    public void Refuses_An_App_Tier_Wired_To_A_Data_Tier_Of_Another_Vpc_DB_4()
    {
        var context = MistakeContext.Current;
        var otherNetwork = new TfeNetwork(context.Stack, context.NextId("Other"), new TfeNetworkProps
        {
            Vpc = context.ImportVpc("OtherVpc", "vpc-0bbb", ["us-east-1a", "us-east-1b"]),
        });
        var data = new TfeDataTier(context.Stack, context.NextId("Data"), new TfeDataTierProps { Network = otherNetwork });

        var error = Assert.Throws<TfeValidationException>(() => new TfeAppTier(context.Stack, context.NextId("App"), new TfeAppTierProps
        {
            Hostname = "tfe.example.com",
            License = context.License,
            LoadBalancerCertificate = context.Certificate,
            Network = context.Network,
            DataTier = data,
        }));

        Assert.Contains(error.Violations, v => v.RuleId == "DB-4" && v.PropertyName == "DataTier");
    }

    [Fact]
    public void Accepts_A_Token_Hostname_With_A_Warning()
    {
        var check = TfeAppTierPropsValidator.Check(new AppTierInputs
        {
            Hostname = "${Token[TOKEN.1]}",
            Mode = TfeOperationalMode.External,
            InstanceType = "m5.xlarge",
            HasLoadBalancerCertificate = true,
        });
        Assert.Empty(check.Violations);
        Assert.Contains(check.Warnings, w => w.Topic == "unvalidatedToken" && w.Message.Contains("Hostname", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_Are_Quoted_So_Blanks_And_Nulls_Are_Visible()
    {
        Assert.Equal("\"   \"", RuleCheck.Show("   "));
        Assert.Equal("\"\"", RuleCheck.Show(string.Empty));
        Assert.Equal("null", RuleCheck.Show(null));
        Assert.Equal("\"a\\nb\"", RuleCheck.Show("a\nb"));
        Assert.Equal("42", RuleCheck.Show(42));
    }
}
