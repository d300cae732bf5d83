using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancing;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.Route53.Targets;
using Amazon.CDK.AWS.S3;
using Constructs;
using CfnClassicLoadBalancer = Amazon.CDK.AWS.ElasticLoadBalancing.CfnLoadBalancer;
using ElbHealthCheck = Amazon.CDK.AWS.ElasticLoadBalancing.HealthCheck;
using ElbV2HealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;
using ElbV2Protocol = Amazon.CDK.AWS.ElasticLoadBalancingV2.Protocol;

namespace Tfe.Cdk.Constructs;

/// <summary>What every load balancer type needs to know.</summary>
internal sealed record TfeLoadBalancerRequest
{
    public required ITfeNetwork Network { get; init; }
    public required bool InternetFacing { get; init; }
    public required IReadOnlyList<string> IngressCidrs { get; init; }
    public required AutoScalingGroup Nodes { get; init; }
    public required ISecurityGroup NodeSecurityGroup { get; init; }
    public required string HealthPath { get; init; }
    public required bool StickySessions { get; init; }
    public required IBucket? AccessLogsBucket { get; init; }
    public ICertificate? Certificate { get; init; }
    public bool HttpRedirect { get; init; }
    public TfeTargetType TargetType { get; init; }
    public bool DeletionProtection { get; init; }
    public string? WebAclArn { get; init; }
    public bool FipsTls { get; init; }
}

/// <summary>
/// Builds the load balancer in front of the nodes, one method per type, each following the reference's TLS rules:
/// ALB and CLB terminate TLS and talk TLS to the node (TLS-2); the NLB passes TCP 443 through (TLS-3) and, when internal,
/// targets by IP (TLS-5). All probe TFE's health endpoint over HTTPS.
/// </summary>
internal static class TfeLoadBalancerBuilder
{
    private const int Https = 443;
    private static readonly Duration DeregistrationDelay = Duration.Seconds(60);

    public static TfeLoadBalancerParts Build(Construct scope, TfeLoadBalancerType type, TfeLoadBalancerRequest r) => type switch
    {
        TfeLoadBalancerType.Application => Application(scope, r),
        TfeLoadBalancerType.Network => Network(scope, r),
        _ => Classic(scope, r),
    };

    /// <summary>TFE's health endpoint over HTTPS on the node's port 443: the node always serves TLS (TLS-2, TLS-3).</summary>
    private static ElbV2HealthCheck HttpsProbe(string path, int healthyThreshold) => new()
    {
        Protocol = ElbV2Protocol.HTTPS,
        Path = path,
        Port = "443",
        HealthyHttpCodes = "200",
        Interval = Duration.Seconds(30),
        Timeout = Duration.Seconds(10),
        HealthyThresholdCount = healthyThreshold,
        UnhealthyThresholdCount = 3,
    };

    private static SubnetSelection Subnets(TfeLoadBalancerRequest r) => r.InternetFacing ? r.Network.PublicSubnets : r.Network.PrivateSubnets;

    private static SecurityGroup ClientSecurityGroup(Construct scope, TfeLoadBalancerRequest r, bool http)
    {
        var sg = new SecurityGroup(scope, "LoadBalancerSecurityGroup", new SecurityGroupProps
        {
            Vpc = r.Network.Vpc,
            AllowAllOutbound = false,
            Description = "TFE load balancer: HTTPS from the allowed client ranges",
        });
        if (r.InternetFacing && r.IngressCidrs.Contains("0.0.0.0/0"))
        {
            NagSuppressions.Add(sg, false, new NagSuppressions.Suppression(
                "AwsSolutions-EC23",
                "The user made TFE internet-facing (InternetFacing = true) with the default IngressCidrs: users and VCS webhooks reach it from anywhere, on 443 (and 80, redirected) only. Narrow it with IngressCidrs."));
        }

        foreach (var cidr in r.IngressCidrs)
        {
            sg.AddIngressRule(Peer.Ipv4(cidr), Port.Tcp(Https), "HTTPS from clients");
            if (http)
            {
                sg.AddIngressRule(Peer.Ipv4(cidr), Port.Tcp(80), "HTTP from clients, redirected to HTTPS");
            }
        }

        SuppressTokenIngress(sg, r);
        AllowNodes(sg, r);
        return sg;
    }

    /// <summary>
    /// A client range that is a deploy-time value (a <c>CfnParameter</c>, an import) reaches the template as a reference
    /// cdk-nag cannot resolve: its open-ingress rules fail to evaluate the group ("could not be validated") instead of
    /// finding anything. The group admits those ranges on 443 (and 80, redirected) only.
    /// </summary>
    private static void SuppressTokenIngress(IConstruct securityGroup, TfeLoadBalancerRequest r)
    {
        if (!r.IngressCidrs.Any(RuleCheck.IsToken))
        {
            return;
        }

        const string Reason = "IngressCidrs holds a deploy-time value (a CfnParameter or an import) that cdk-nag cannot resolve, so its open-ingress rules cannot evaluate this group. "
            + "The group admits the given ranges on 443 (and 80, redirected to HTTPS) only, never SSH; the library warns (@tfe/cdk:unvalidatedToken) that the range is not checked at synth, and the deployer chooses its value.";
        NagSuppressions.Add(securityGroup, false,
            [new NagSuppressions.Suppression("AwsSolutions-EC23", Reason), .. NagSuppressions.For(NagControls.RestrictedSsh, Reason), .. NagSuppressions.For(NagControls.RestrictedCommonPorts, Reason)]);
    }

    /// <summary>
    /// The nodes (and the run agents they start) call TFE back at TFE_HOSTNAME, that is through this load balancer: admit
    /// them on 443 whatever IngressCidrs says. Their own egress on 443 is already open. An NLB always gets a security
    /// group here (one created without can never get one), and referencing it from the nodes' group admits traffic even
    /// with client IP preservation, so no rule for the nodes' own addresses is needed.
    /// </summary>
    private static void AllowNodes(ISecurityGroup loadBalancerSecurityGroup, TfeLoadBalancerRequest r) =>
        loadBalancerSecurityGroup.AddIngressRule(r.NodeSecurityGroup, Port.Tcp(Https), "HTTPS from the TFE nodes and their run agents (TFE_HOSTNAME)");

    private static TfeLoadBalancerParts Application(Construct scope, TfeLoadBalancerRequest r)
    {
        var sg = ClientSecurityGroup(scope, r, r.HttpRedirect);
        var alb = new ApplicationLoadBalancer(scope, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = r.Network.Vpc,
            VpcSubnets = Subnets(r),
            InternetFacing = r.InternetFacing,
            SecurityGroup = sg,
            DropInvalidHeaderFields = true,
            DeletionProtection = r.DeletionProtection,
        });
        TfeLoadBalancerCompliance.Apply(scope, alb, r.DeletionProtection, r.WebAclArn, r.InternetFacing);
        var listener = alb.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = Https,
            Protocol = ApplicationProtocol.HTTPS,
            Certificates = [ListenerCertificate.FromCertificateManager(r.Certificate!)],
            SslPolicy = TfeTlsPolicies.Application(r.FipsTls),
            Open = false,
        });
        var targetGroup = listener.AddTargets("Nodes", new AddApplicationTargetsProps
        {
            Port = Https,
            Protocol = ApplicationProtocol.HTTPS,
            Targets = [r.Nodes],
            DeregistrationDelay = DeregistrationDelay,
            StickinessCookieDuration = r.StickySessions ? Duration.Hours(1) : null,
            HealthCheck = HttpsProbe(r.HealthPath, healthyThreshold: 2),
        });
        if (r.HttpRedirect)
        {
            var redirect = alb.AddListener("HttpRedirect", new BaseApplicationListenerProps
            {
                Port = 80,
                Protocol = ApplicationProtocol.HTTP,
                Open = false,
                DefaultAction = ListenerAction.Redirect(new RedirectOptions { Protocol = "HTTPS", Port = "443", Permanent = true }),
            });
            TfeLoadBalancerCompliance.SuppressRedirectListener(redirect);
        }

        if (r.AccessLogsBucket is not null)
        {
            alb.LogAccessLogs(r.AccessLogsBucket, "load-balancer");
        }

        return new TfeLoadBalancerParts
        {
            DnsName = alb.LoadBalancerDnsName,
            AliasTarget = RecordTarget.FromAlias(new LoadBalancerTarget(alb)),
            HealthyHosts = targetGroup.Metrics.HealthyHostCount,
            UnhealthyHosts = targetGroup.Metrics.UnhealthyHostCount,
            Application = alb,
            SecurityGroup = sg,
        };
    }

    private static TfeLoadBalancerParts Network(Construct scope, TfeLoadBalancerRequest r)
    {
        var sg = ClientSecurityGroup(scope, r, http: false);
        var nlb = new NetworkLoadBalancer(scope, "LoadBalancer", new NetworkLoadBalancerProps
        {
            Vpc = r.Network.Vpc,
            VpcSubnets = Subnets(r),
            InternetFacing = r.InternetFacing,
            SecurityGroups = [sg],
            CrossZoneEnabled = true,
            DeletionProtection = r.DeletionProtection,
        });
        TfeLoadBalancerCompliance.Apply(scope, nlb, r.DeletionProtection, webAclArn: null, r.InternetFacing);
        var byIp = r.TargetType == TfeTargetType.Ip;
        var targetGroup = new NetworkTargetGroup(scope, "TargetGroup", new NetworkTargetGroupProps
        {
            Vpc = r.Network.Vpc,
            Port = Https,
            Protocol = ElbV2Protocol.TCP,
            TargetType = byIp ? TargetType.IP : TargetType.INSTANCE,
            Targets = byIp ? null : [r.Nodes],
            DeregistrationDelay = DeregistrationDelay,
            HealthCheck = HttpsProbe(r.HealthPath, healthyThreshold: 3),
        });
        if (r.StickySessions)
        {
            targetGroup.SetAttribute("stickiness.enabled", "true");
            targetGroup.SetAttribute("stickiness.type", "source_ip");
        }

        var listener = nlb.AddListener("Tls", new BaseNetworkListenerProps
        {
            Port = Https,
            Protocol = ElbV2Protocol.TCP,
            DefaultTargetGroups = [targetGroup],
        });
        sg.AddEgressRule(r.NodeSecurityGroup, Port.Tcp(Https), "TLS passthrough and health checks to the TFE nodes");
        NagSuppressions.Add(nlb, false, NagControls.LoadBalancerLogging,
            "A Network Load Balancer writes access logs only for TLS listeners; TFE's NLB passes TCP 443 through so TLS terminates on the node (TLS-3). Requests are logged by TFE itself, in the CloudWatch log group.");
        NagSuppressions.Add(listener, false, NagControls.ListenerCertificate,
            "TLS passes through this TCP listener and terminates on the TFE node with its CA-signed certificate (TLS-3): an ACM certificate cannot be used there, as its private key cannot be exported (TLS-6).");
        r.NodeSecurityGroup.AddIngressRule(sg, Port.Tcp(Https), "TLS from the network load balancer");

        return new TfeLoadBalancerParts
        {
            DnsName = nlb.LoadBalancerDnsName,
            AliasTarget = RecordTarget.FromAlias(new LoadBalancerTarget(nlb)),
            HealthyHosts = targetGroup.Metrics.HealthyHostCount,
            UnhealthyHosts = targetGroup.Metrics.UnHealthyHostCount,
            Network = nlb,
            SelfRegisteredTargetGroup = byIp ? targetGroup : null,
            SecurityGroup = sg,
        };
    }

    private static TfeLoadBalancerParts Classic(Construct scope, TfeLoadBalancerRequest r)
    {
        const string TlsPolicy = "TfeTlsPolicy";
        const string StickyPolicy = "TfeStickySessions";
        var clb = new LoadBalancer(scope, "LoadBalancer", new LoadBalancerProps
        {
            Vpc = r.Network.Vpc,
            SubnetSelection = Subnets(r),
            InternetFacing = r.InternetFacing,
            CrossZone = true,
            HealthCheck = new ElbHealthCheck
            {
                Port = Https,
                Protocol = LoadBalancingProtocol.HTTPS,
                Path = r.HealthPath,
                HealthyThreshold = 2,
                UnhealthyThreshold = 3,
                Interval = Duration.Seconds(30),
                Timeout = Duration.Seconds(10),
            },
        });
        clb.AddListener(new LoadBalancerListener
        {
            ExternalPort = Https,
            ExternalProtocol = LoadBalancingProtocol.HTTPS,
            InternalPort = Https,
            InternalProtocol = LoadBalancingProtocol.HTTPS,
            SslCertificateArn = r.Certificate!.CertificateArn,
            AllowConnectionsFrom = r.IngressCidrs.Select(c => (IConnectable)Peer.Ipv4(c)).ToArray(),
            PolicyNames = r.StickySessions ? [TlsPolicy, StickyPolicy] : [TlsPolicy],
        });
        clb.AddTarget(r.Nodes);
        foreach (var clbSecurityGroup in clb.Connections.SecurityGroups)
        {
            SuppressTokenIngress(clbSecurityGroup, r);
            AllowNodes(clbSecurityGroup, r);
        }

        var cfn = (CfnClassicLoadBalancer)clb.Node.DefaultChild!;

        // Drain in-flight requests from a node that leaves (replacement, upgrade) instead of cutting them.
        cfn.ConnectionDrainingPolicy = new CfnClassicLoadBalancer.ConnectionDrainingPolicyProperty { Enabled = true, Timeout = 300 };
        NagSuppressions.Add(clb, false, new NagSuppressions.Suppression(
            "AwsSolutions-ELB1",
            "The user chose a Classic Load Balancer (LoadBalancerType = Classic), which the reference architecture lists beside ALB and NLB (NET-1); it terminates TLS with a TLS 1.2 policy and talks HTTPS to the node (TLS-2)."));

        // The CLB L2 writes protocols in lower case; the ELB API accepts that, the CloudFormation schema (and cfn-lint) wants HTTPS.
        cfn.AddPropertyOverride("Listeners.0.Protocol", "HTTPS");
        cfn.AddPropertyOverride("Listeners.0.InstanceProtocol", "HTTPS");
        cfn.Policies = new object[]
        {
            new CfnClassicLoadBalancer.PoliciesProperty
            {
                PolicyName = TlsPolicy,
                PolicyType = "SSLNegotiationPolicyType",
                Attributes = TfeTlsPolicies.ClassicAttributes(),
            },
        };
        if (r.StickySessions)
        {
            cfn.LbCookieStickinessPolicy = new object[]
            {
                new CfnClassicLoadBalancer.LBCookieStickinessPolicyProperty { PolicyName = StickyPolicy, CookieExpirationPeriod = "3600" },
            };
        }

        var region = Stack.Of(scope).Region;
        var elbAccount = RuleCheck.IsToken(region) ? null : Amazon.CDK.RegionInfo.RegionInfo.Get(region).Elbv2Account;
        if (r.AccessLogsBucket is not null && elbAccount is not null)
        {
            r.AccessLogsBucket.GrantPut(new AccountPrincipal(elbAccount), "load-balancer/*");
            cfn.AccessLoggingPolicy = new CfnClassicLoadBalancer.AccessLoggingPolicyProperty
            {
                Enabled = true,
                EmitInterval = 60,
                S3BucketName = r.AccessLogsBucket.BucketName,
                S3BucketPrefix = "load-balancer",
            };
        }

        return new TfeLoadBalancerParts
        {
            DnsName = clb.LoadBalancerDnsName,
            AliasTarget = RecordTarget.FromAlias(new ClassicLoadBalancerTarget(clb)),
            HealthyHosts = options => ClassicMetric(clb, "HealthyHostCount", options),
            UnhealthyHosts = options => ClassicMetric(clb, "UnHealthyHostCount", options),
            Classic = clb,
        };
    }

    /// <summary>A Classic Load Balancer's metric (AWS/ELB, by load balancer name): its L2 has no metric methods.</summary>
    internal static IMetric ClassicMetric(LoadBalancer clb, string metricName, MetricOptions options) =>
        TierMetrics.Of("AWS/ELB", metricName, new Dictionary<string, string> { ["LoadBalancerName"] = clb.LoadBalancerName }, options);
}
