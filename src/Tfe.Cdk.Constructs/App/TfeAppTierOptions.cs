using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What a user chooses about the TFE nodes, their load balancer and their configuration: shared by
/// <see cref="TfeAppTierProps"/> and the topologies (<see cref="TfeStandaloneProps"/>, <see cref="TfeActiveActiveProps"/>).
/// </summary>
public record TfeAppTierOptions
{
    /// <summary>The fully qualified domain name users reach TFE at (<c>TFE_HOSTNAME</c>), for example <c>tfe.example.com</c>.</summary>
    public required string Hostname { get; init; }

    /// <summary>The secret holding the TFE license (the raw license string). Read by the nodes at boot, never rendered.</summary>
    public required ISecret License { get; init; }

    /// <summary>The EC2 instance type of a node: at least 4 vCPU and 16 GiB (COMP-1), not burstable (COMP-2), x86_64.</summary>
    /// <remarks>Default: m5.xlarge (the reference's minimum size; m5.2xlarge is its scaled size).</remarks>
    public InstanceType? InstanceType { get; init; }

    /// <summary>The node image: Amazon Linux 2023 or an image built from it (the bootstrap uses dnf, Docker and the CloudFormation helper).</summary>
    /// <remarks>
    /// Default: - the latest Amazon Linux 2023 (x86_64), resolved from AWS's public SSM parameter at every deployment, so a
    /// deployment after AWS publishes a new image rolls the nodes onto it, one at a time and drained. Pin an image
    /// (<c>MachineImage.GenericLinux(...)</c>) to patch on your own schedule.
    /// </remarks>
    public IMachineImage? MachineImage { get; init; }

    /// <summary>The size of a node's encrypted root volume in GiB.</summary>
    /// <remarks>Default: 50 (the reference's disk size; smaller is refused, COMP-1).</remarks>
    public int? RootVolumeSizeGiB { get; init; }

    /// <summary>The TFE release to run: the <c>terraform-enterprise</c> image tag, such as <c>1.0.3</c> or <c>v202507-1</c>.</summary>
    /// <remarks>Default: 1.0.3. Changing it rolls the nodes one at a time onto the new release (COMP-4).</remarks>
    public string? TfeVersion { get; init; }

    /// <summary>The load balancer type.</summary>
    /// <remarks>Default: <see cref="TfeLoadBalancerType.Application"/>.</remarks>
    public TfeLoadBalancerType? LoadBalancerType { get; init; }

    /// <summary>Whether the load balancer is internet-facing (in the public subnets).</summary>
    /// <remarks>Default: false (internal, in the private subnets).</remarks>
    public bool? InternetFacing { get; init; }

    /// <summary>The IPv4 ranges allowed to reach the load balancer on 443 (and 80 for the redirect).</summary>
    /// <remarks>Default: - the VPC's range for an internal load balancer; 0.0.0.0/0 for an internet-facing one.</remarks>
    public IReadOnlyList<string>? IngressCidrs { get; init; }

    /// <summary>
    /// The ACM certificate an Application or Classic Load Balancer presents to clients (TLS-1, TLS-2). Not allowed with a
    /// Network Load Balancer, which cannot carry the certificate TFE needs (TLS-3, TLS-6).
    /// </summary>
    /// <remarks>Default: - none; required with an Application or Classic Load Balancer.</remarks>
    public ICertificate? LoadBalancerCertificate { get; init; }

    /// <summary>The certificate each node serves.</summary>
    /// <remarks>
    /// Default: - <see cref="TfeNodeCertificate.SelfSignedAtBoot"/> behind an Application or Classic Load Balancer (TLS-4
    /// allows it there); required, and CA-signed, with a Network Load Balancer (TLS-1, TLS-3).
    /// </remarks>
    public TfeNodeCertificate? NodeCertificate { get; init; }

    /// <summary>How a Network Load Balancer addresses the nodes (TLS-5).</summary>
    /// <remarks>Default: - <see cref="TfeTargetType.Ip"/> for an internal NLB (an internal NLB cannot target instance ids); <see cref="TfeTargetType.Instance"/> otherwise.</remarks>
    public TfeTargetType? TargetType { get; init; }

    /// <summary>Whether an Application Load Balancer also listens on 80 and redirects to HTTPS.</summary>
    /// <remarks>Default: true for an Application Load Balancer; not available for the other types.</remarks>
    public bool? HttpRedirect { get; init; }

    /// <summary>Whether a client sticks to one node (needed for SAML single sign-on with several nodes).</summary>
    /// <remarks>Default: true in active/active mode, false otherwise (plain round robin, OPS-1).</remarks>
    public bool? StickySessions { get; init; }

    /// <summary>
    /// The secret holding <c>TFE_ENCRYPTION_PASSWORD</c>, which seals TFE's internal Vault. Pass one to share it with
    /// another region; it must never change for the life of the deployment.
    /// </summary>
    /// <remarks>Default: - a generated 48-character secret, retained on delete.</remarks>
    public ISecret? EncryptionPassword { get; init; }

    /// <summary>Extra non-secret TFE settings (<c>TFE_*</c>) or proxy variables (<c>http_proxy</c>, <c>https_proxy</c>, <c>no_proxy</c>).</summary>
    /// <remarks>Default: - none. Settings the library manages and settings that look like secrets are refused.</remarks>
    public IReadOnlyDictionary<string, string>? AdditionalSettings { get; init; }

    /// <summary>How long TFE's container logs are kept in CloudWatch Logs.</summary>
    /// <remarks>Default: <see cref="RetentionDays.ONE_YEAR"/>.</remarks>
    public RetentionDays? LogRetention { get; init; }

    /// <summary>The topic that CloudWatch alarms and Auto Scaling notifications are sent to (OPS-2).</summary>
    /// <remarks>
    /// Default: - a new SNS topic, encrypted with its own KMS key (about 1 USD a month), that every alarm and the Auto
    /// Scaling notifications use; the stack output <c>AlarmTopicSubscribeCommand</c> says how to subscribe to it.
    /// </remarks>
    public ITopic? AlarmTopic { get; init; }

    /// <summary>Whether the Application or Network Load Balancer refuses to be deleted until this is turned off.</summary>
    /// <remarks>
    /// Default: true, unless the topology's <see cref="TfeDataTierOptions.RemovalPolicy"/> is DESTROY (a sandbox meant to be
    /// deleted); then false. No cost. A Classic Load Balancer has no deletion protection.
    /// </remarks>
    public bool? LoadBalancerDeletionProtection { get; init; }

    /// <summary>
    /// The ARN of an AWS WAF (v2, regional) web ACL to associate with the Application Load Balancer, for example one
    /// defined with <c>Amazon.CDK.AWS.WAFv2.CfnWebACL</c> (<c>AttrArn</c>) or by a central security team.
    /// </summary>
    /// <remarks>
    /// Default: - no web ACL. Application Load Balancer only. A web ACL costs about 5 USD a month plus 1 USD per rule and
    /// 0.60 USD per million requests; its rules must let TFE's API, VCS webhooks and agents through (see docs/compliance.md).
    /// </remarks>
    public string? LoadBalancerWebAclArn { get; init; }

    /// <summary>How long a new node may take to install and start TFE and report healthy before it counts as failed.</summary>
    /// <remarks>Default: 30 minutes.</remarks>
    public Duration? BootTimeout { get; init; }
}
