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

    /// <summary>
    /// The customer-managed KMS key that encrypts the secrets you pass in (<see cref="License"/>, the
    /// <see cref="NodeCertificate"/> secret), when the <c>ISecret</c> objects do not carry it themselves.
    /// </summary>
    /// <remarks>
    /// Default: - none: a secret under the AWS managed key <c>aws/secretsmanager</c> needs no grant, and a secret imported with
    /// <c>Secret.FromSecretAttributes(..., new SecretAttributes { EncryptionKey = key })</c> is granted on its own key.
    /// When set, the node role also gets <c>kms:Decrypt</c> on this key, only through Secrets Manager
    /// (<c>kms:ViaService = secretsmanager.&lt;region&gt;.amazonaws.com</c>). The key's policy must let the account's IAM
    /// policies grant it (the default key policy does).
    /// </remarks>
    public Amazon.CDK.AWS.KMS.IKey? SecretsEncryptionKey { get; init; }

    /// <summary>The EC2 instance type of a node: at least 4 vCPU and 16 GiB (COMP-1), not burstable (COMP-2), x86_64.</summary>
    /// <remarks>Default: m5.xlarge (the reference's minimum size; m5.2xlarge is its scaled size).</remarks>
    public InstanceType? InstanceType { get; init; }

    /// <summary>The node image: Amazon Linux 2023 or an image built from it (the bootstrap uses dnf, Docker and the CloudFormation helper).</summary>
    /// <remarks>
    /// Default: - the latest Amazon Linux 2023 (x86_64) as of the first synth, looked up once from AWS's public SSM parameter
    /// and cached in the app's <c>cdk.context.json</c> (commit that file): the nodes change image only when you say so
    /// (<c>cdk context --reset &lt;key&gt;</c>, then deploy: the whole group is replaced, with downtime, docs/node-lifecycle.md). A missing context
    /// key makes the CDK CLI look it up (or fail under <c>--no-lookups</c>). See docs/versions.md.
    /// </remarks>
    public IMachineImage? MachineImage { get; init; }

    /// <summary>The size of a node's encrypted root volume in GiB.</summary>
    /// <remarks>Default: 50 (the reference's disk size; smaller is refused, COMP-1). At most 16,384 (gp3's largest volume).</remarks>
    public int? RootVolumeSizeGiB { get; init; }

    /// <summary>The TFE release to run: the <c>terraform-enterprise</c> image tag, such as <c>2.0.1</c> or <c>v202507-1</c>.</summary>
    /// <remarks>
    /// Default: 2.0.1 (the newest line the library supports end to end, docs/versions.md). Changing it replaces the
    /// whole group: the old nodes drain, one new node migrates the database and starts, then the others join (COMP-4,
    /// OPS-4); TFE is down meanwhile (docs/node-lifecycle.md). The topologies check the database and cache versions
    /// against the release's documented requirements (DB-1, REDIS-8), and the release line picks the Docker Engine range
    /// the node accepts; a release outside the library's support table (docs/versions.md) warns
    /// (<c>@tfe/cdk:releaseNotInSupportTable</c>) and is not checked.
    /// </remarks>
    public string? TfeVersion { get; init; }

    /// <summary>
    /// The digest of the <see cref="TfeVersion"/> image to pin, such as <c>sha256:</c> and 64 hex digits: the nodes pull
    /// and run <c>terraform-enterprise:&lt;tag&gt;@&lt;digest&gt;</c>, so exactly that image content, whatever the tag points to later.
    /// </summary>
    /// <remarks>
    /// Default: - none: the nodes pull by tag. <c>sha256:</c> followed by 64 lower-case hex digits, or refused (COMP-4).
    /// Changing it rolls the nodes like a <see cref="TfeVersion"/> change; give the digest of that release's tag (the
    /// library cannot check at synth that they match: a mismatched pair runs the digest's image, and a digest the registry
    /// does not hold fails the boot with "image pull failed").
    /// </remarks>
    public string? ImageDigest { get; init; }

    /// <summary>
    /// Where the nodes pull the <c>terraform-enterprise</c> image from: HashiCorp's registry, an Amazon ECR repository
    /// (<see cref="TfeImageSource.FromEcr"/>, pulled with the node role) or another registry with credentials in Secrets
    /// Manager (<see cref="TfeImageSource.FromRegistry"/>). The tag is <see cref="TfeVersion"/> and
    /// <see cref="ImageDigest"/> pins the content for every source.
    /// </summary>
    /// <remarks>
    /// Default: <see cref="TfeImageSource.HashiCorp"/> (<c>images.releases.hashicorp.com</c>, the license as the registry
    /// password; the nodes need a route to the internet). With a private source the nodes never contact HashiCorp's
    /// registry, and the license still reaches TFE, which checks it at every start. Changing it rolls the nodes like a
    /// <see cref="TfeVersion"/> change. See docs/private-registry.md for accounts without internet egress.
    /// </remarks>
    public TfeImageSource? ImageSource { get; init; }

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
    /// deleted); then false. No cost. A Classic Load Balancer has no deletion protection: true is refused with one (NET-1).
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

    /// <summary>
    /// How long a new node may take, from launch, to install, pass the boot gate (wait for the old nodes to drain and for
    /// the first new node to start), start TFE and report healthy before it counts as failed. Every other duration of the
    /// node lifecycle derives from it: CloudFormation's signal timeout and rolling-update PauseTime are this value, the
    /// node's own deadline is 5 minutes shorter (so its failure signal always arrives first), and the Auto Scaling health
    /// check grace period is this value (a booting node is never replaced for being slow).
    /// </summary>
    /// <remarks>
    /// Default: 60 minutes (the longest CloudFormation's rolling update allows). Between 20 and 60 minutes; in active/active
    /// mode at least DrainTimeout + 20 minutes (COMP-3). See docs/node-lifecycle.md.
    /// </remarks>
    public Duration? BootTimeout { get; init; }

    /// <summary>
    /// Extra CA certificates TFE trusts (<c>TFE_TLS_CA_BUNDLE_FILE</c>): a secret whose string is one or more PEM
    /// certificates, for a load balancer certificate from a private CA, a VCS or proxy with a private CA, and other
    /// services TFE and its runs call. Independent of <see cref="NodeCertificate"/>; read by the nodes at boot.
    /// </summary>
    /// <remarks>
    /// Default: - none: the bundle holds the node certificate's chain (the <c>ca_bundle</c> field of a
    /// <see cref="TfeNodeCertificate.FromSecret"/> certificate) or, without one, the node certificate itself. When given,
    /// the bundle is this secret's certificates followed by the node certificate's chain.
    /// </remarks>
    public ISecret? CaBundle { get; init; }

    /// <summary>
    /// The IPv4 or IPv6 ranges allowed to fetch the Initial Admin Creation Token over HTTPS at
    /// <c>/admin/retrieve-iact</c> (<c>TFE_IACT_SUBNETS</c>).
    /// </summary>
    /// <remarks>
    /// Default: - none: the token is only read on a node, with the <c>InitialAdminTokenCommand</c> stack output. Behind a
    /// load balancer TFE sees the balancer's address unless it trusts the proxy, so prefer the command.
    /// </remarks>
    public IReadOnlyList<string>? IactSubnets { get; init; }

    /// <summary>How long after TFE first starts the Initial Admin Creation Token can be read (<c>TFE_IACT_TIME_LIMIT</c>), in whole minutes.</summary>
    /// <remarks>Default: - TFE's own default, 60 minutes. Between 1 minute and 24 hours.</remarks>
    public Duration? IactTimeLimit { get; init; }

    /// <summary>
    /// The IPv4 ranges outside the VPC that the nodes and their runs must reach: corporate networks, peered VPCs, the VPC's
    /// secondary ranges, networks behind a transit gateway or VPN (VCS, registries, proxies). Docker's addresses on the
    /// nodes are chosen outside them and the VPC's range (NET-1).
    /// </summary>
    /// <remarks>
    /// Default: - none: Docker's range only avoids the VPC's range. An empty list is refused; a token is not checked at synth.
    /// </remarks>
    public IReadOnlyList<string>? ReachableCidrs { get; init; }

    /// <summary>
    /// The IPv4 range Docker takes every address on a node from (<c>/etc/docker/daemon.json</c>, written before Docker
    /// starts): its default bridge (<c>bip</c>, the first /24), the run network (the second /24) and the pools of any other
    /// network (<c>default-address-pools</c>, the upper half, /24 each). A prefix from /16 to /20.
    /// </summary>
    /// <remarks>
    /// Default: - the first of 172.17.0.0/16 (Docker's own default bridge range) to 172.31.0.0/16, then 100.64.0.0/16 to
    /// 100.127.0.0/16, that overlaps neither the VPC's range nor <see cref="ReachableCidrs"/>. A range that overlaps either
    /// is refused (NET-1). Changing it replaces the nodes.
    /// </remarks>
    public string? DockerAddressRange { get; init; }

    /// <summary>
    /// The IAM roles (or users) that may read the deployment's secrets besides the TFE nodes: your break-glass role, and,
    /// with a stack synthesizer other than the default one, the principal CloudFormation deploys as. ARNs such as
    /// <c>arn:aws:iam::123456789012:role/tfe-break-glass</c>.
    /// </summary>
    /// <remarks>
    /// Default: - none. The encryption password, the database credentials and the Redis AUTH token the library defines carry
    /// a resource policy that denies <c>secretsmanager:GetSecretValue</c> to every principal but the nodes' role, the
    /// principals given a <c>GrantRead*</c> of the tiers, these principals, the stack's CloudFormation execution role (default
    /// synthesizer) and AWS services acting as themselves. Without a break-glass principal, an administrator who needs a
    /// value removes the policy first (<c>secretsmanager:DeleteResourcePolicy</c>, recorded by CloudTrail). The account root
    /// (<c>:root</c>), wildcards and assumed-role session ARNs are refused (NET-1): they would reopen the secrets to the account
    /// or match nothing. See docs/security.md.
    /// </remarks>
    public IReadOnlyList<string>? BreakGlassPrincipalArns { get; init; }

    /// <summary>
    /// Whether the Application Load Balancer negotiates TLS with FIPS-validated cryptography
    /// (<c>ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04</c>) instead of <c>ELBSecurityPolicy-TLS13-1-2-Res-2021-06</c>.
    /// </summary>
    /// <remarks>
    /// Default: false. Both offer TLS 1.3 and TLS 1.2 with forward-secret AES-GCM suites only. Application Load Balancer only:
    /// refused with a Network Load Balancer (TLS ends on the node) or a Classic Load Balancer (no FIPS policy), TLS-2.
    /// The nodes' own TLS (TFE's) is not changed by it.
    /// </remarks>
    public bool? FipsTlsPolicy { get; init; }

    /// <summary>
    /// Day one without a shell: the first node to boot creates this first admin user itself, within TFE's initial admin
    /// creation window, through TFE on that node (never through the load balancer), and stores the admin's API token in
    /// <see cref="TfeAppTier.InitialAdminSecret"/>, beside the password Secrets Manager generated for it, under the
    /// deployment's data key. A pipeline can then configure TFE with that token.
    /// </summary>
    /// <remarks>
    /// Default: - none: no admin is created; an operator creates it on a node (the <c>InitialAdminTokenCommand</c> output).
    /// Risks, and what it does about them: the secret holds a site-admin credential, readable by the node role and by
    /// any principal your IAM policies allow to read it and decrypt with the data key (scope that access; the token does
    /// not expire until revoked in TFE). The node role may also overwrite the secret. If the admin cannot be created (an
    /// admin exists already, or the window has passed) the node logs why and boots on: the deployment works, the secret
    /// holds no token, and the admin is created by hand. Changing it later replaces the nodes but creates nothing once
    /// TFE has a user.
    /// </remarks>
    public TfeInitialAdmin? InitialAdmin { get; init; }

    /// <summary>
    /// Whether TFE's own metrics are collected into CloudWatch: runs against capacity, the background job queue, jobs that
    /// failed for good, with a dashboard row and three alarms (OPS-2).
    /// </summary>
    /// <remarks>
    /// Default: true. Each node sets <c>TFE_METRICS_ENABLE=true</c> and <c>TFE_METRICS_HTTP_PORT=9090</c>, publishes that
    /// port on 127.0.0.1 only (no security group rule) and runs the CloudWatch agent (<c>amazon-cloudwatch-agent</c>), which
    /// scrapes it and writes the metrics as embedded metric format events to a log group of its own (namespace
    /// <c>TerraformEnterprise</c>, dimension <c>AutoScalingGroupName</c>). The node role may only write to that log group.
    /// On by default because the endpoint never leaves the node and the cost is seven custom metrics per deployment plus
    /// the events' ingestion; turn it off where the package repository is unreachable or the agent is not allowed.
    /// <c>TFE_METRICS_*</c> settings are then still refused in <c>AdditionalSettings</c> (COMP-4). See docs/tfe-metrics.md.
    /// </remarks>
    public bool? TfeMetrics { get; init; }

    /// <summary>
    /// TFE's native log forwarding (its Fluent Bit, <c>TFE_LOG_FORWARDING_ENABLED</c>) to CloudWatch Logs or S3, beside
    /// the container's <c>awslogs</c> driver: <c>TfeLogForwarding.ToCloudWatchLogs()</c> or <c>TfeLogForwarding.ToS3()</c>.
    /// </summary>
    /// <remarks>
    /// Default: - none: TFE forwards nothing itself; the container's logs still go to <see cref="TfeAppTier.LogGroup"/>.
    /// When set, each node writes the Fluent Bit <c>[OUTPUT]</c> section for the destination and mounts it read-only into
    /// the container (<c>TFE_LOG_FORWARDING_CONFIG_PATH</c>); the node role may write to that destination only. The
    /// destination defaults to a log group or bucket the tier defines (encrypted with the deployment's key, retained).
    /// Needs TFE v202309-1 or later (COMP-4); the destination must be in the stack's region and an S3 prefix a plain path
    /// (OPS-2). <c>TFE_LOG_FORWARDING_*</c> settings are refused in <c>AdditionalSettings</c> either way. Changing it
    /// replaces the nodes. See docs/monitoring.md, "Log forwarding".
    /// </remarks>
    public TfeLogForwarding? LogForwarding { get; init; }
}
