using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The network of a TFE deployment: a new VPC over two or more Availability Zones, or an existing VPC with a subnet
/// selection per tier, plus the S3 gateway endpoint (S3-2), optional interface endpoints and flow logs.
/// </summary>
/// <remarks>
/// A new VPC has public subnets (internet-facing load balancer), private subnets with egress through one NAT gateway
/// per AZ (nodes, internal load balancer) and isolated subnets (database, memory cache).
/// </remarks>
public class TfeNetwork : Construct, ITfeNetwork
{
    private readonly string? _cidrBlock;

    /// <summary>Defines the network.</summary>
    /// <exception cref="TfeValidationException">The props break a rule of the reference architecture.</exception>
    public TfeNetwork(Construct scope, string id, TfeNetworkProps? props = null)
        : base(scope, id)
    {
        props ??= new TfeNetworkProps();
        TfeNetworkPropsValidator.Check(props).IncludeAll(TfeNetworkPropsValidator.CheckInputs(props, this)).ThrowIfAny(this);
        Warnings.Add(this, TfeNetworkPropsValidator.Advise(props));

        var isNew = props.Vpc is null;
        Vpc = props.Vpc ?? new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr(props.CidrBlock ?? Defaults.VpcCidr),
            MaxAzs = props.MaxAzs ?? Defaults.MaxAzs,
            NatGateways = props.NatGateways,
            SubnetConfiguration =
            [
                // Nothing launched here needs a public IP of its own: NAT gateways use Elastic IPs, load balancers get theirs.
                new SubnetConfiguration { Name = "Public", SubnetType = SubnetType.PUBLIC, CidrMask = 24, MapPublicIpOnLaunch = false },
                new SubnetConfiguration { Name = "Private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 20 },
                new SubnetConfiguration { Name = "Data", SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
            RestrictDefaultSecurityGroup = false,
        });

        _cidrBlock = isNew ? props.CidrBlock ?? Defaults.VpcCidr : null;
        PublicSubnets = props.PublicSubnets ?? new SubnetSelection { SubnetType = SubnetType.PUBLIC };
        PrivateSubnets = props.PrivateSubnets ?? new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS };
        DataSubnets = props.DataSubnets ?? new SubnetSelection
        {
            SubnetType = isNew ? SubnetType.PRIVATE_ISOLATED : SubnetType.PRIVATE_WITH_EGRESS,
        };

        if (props.S3GatewayEndpoint ?? true)
        {
            Vpc.AddGatewayEndpoint("S3Endpoint", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 });
        }

        if (props.InterfaceEndpoints ?? false)
        {
            AddInterfaceEndpoints();
        }

        if (isNew && (props.FlowLogs ?? true))
        {
            FlowLogsKey = props.FlowLogsEncryptionKey ?? new Key(this, "FlowLogKey", new KeyProps
            {
                Description = "Terraform Enterprise VPC flow logs: CloudWatch Logs encryption",
                EnableKeyRotation = true,
                RemovalPolicy = RemovalPolicy.RETAIN,
            });
            LogEncryption.AllowLogsService(FlowLogsKey, Stack.Of(this));
            var logGroup = LogEncryption.RetainedLogGroup(this, "FlowLogGroup", FlowLogsKey, RetentionDays.ONE_YEAR);
            var flowLog = Vpc.AddFlowLog("FlowLog", new FlowLogOptions
            {
                Destination = FlowLogDestination.ToCloudWatchLogs(logGroup),
                TrafficType = FlowLogTrafficType.ALL,
            });
            TfeNetworkNag.SuppressFlowLogRole(flowLog);
        }

        if (isNew)
        {
            TfeNetworkNag.SuppressVpc(Vpc);
        }
    }

    /// <summary>The KMS key of the flow-log group, or null when this network records no flow logs.</summary>
    public IKey? FlowLogsKey { get; }

    /// <inheritdoc />
    public IVpc Vpc { get; }

    /// <inheritdoc />
    /// <remarks>An existing VPC's range is read only when asked for: an imported VPC may not carry one.</remarks>
    public string VpcCidrBlock => _cidrBlock ?? Vpc.VpcCidrBlock;

    /// <inheritdoc />
    public SubnetSelection PublicSubnets { get; }

    /// <inheritdoc />
    public SubnetSelection PrivateSubnets { get; }

    /// <inheritdoc />
    public SubnetSelection DataSubnets { get; }

    /// <summary>
    /// Refers to a network defined elsewhere (another stack or app), so the tiers can be placed in it without defining
    /// another VPC, S3 endpoint or flow log.
    /// </summary>
    /// <param name="scope">The scope an imported VPC is referenced in.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="attributes">An <see cref="IVpc"/>, or a VPC id with its AZs and subnet ids per tier.</param>
    /// <returns>The imported network.</returns>
    /// <exception cref="TfeValidationException">The attributes do not name one VPC and its node subnets (NET-1).</exception>
    public static ITfeNetwork FromNetworkAttributes(Construct scope, string id, TfeNetworkAttributes attributes) =>
        new ImportedTfeNetwork(scope, id, attributes);

    private void AddInterfaceEndpoints()
    {
        var services = new (string Id, InterfaceVpcEndpointAwsService Service)[]
        {
            ("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER),
            ("Kms", InterfaceVpcEndpointAwsService.KMS),
            ("Ssm", InterfaceVpcEndpointAwsService.SSM),
            ("SsmMessages", InterfaceVpcEndpointAwsService.SSM_MESSAGES),
            ("Ec2Messages", InterfaceVpcEndpointAwsService.EC2_MESSAGES),
            ("Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS),
            ("Monitoring", InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING),
            ("CloudFormation", InterfaceVpcEndpointAwsService.CLOUDFORMATION),
            ("AutoScaling", InterfaceVpcEndpointAwsService.AUTOSCALING),
            ("ElasticLoadBalancing", InterfaceVpcEndpointAwsService.ELASTIC_LOAD_BALANCING),
            ("Sts", InterfaceVpcEndpointAwsService.STS),
            // The boot gate looks up its peers' IPs (ec2:DescribeInstances); an ECR image source logs in (ecr.api) and
            // pulls (ecr.dkr, its layers through the S3 gateway endpoint). docs/private-registry.md.
            ("Ec2", InterfaceVpcEndpointAwsService.EC2),
            ("Ecr", InterfaceVpcEndpointAwsService.ECR),
            ("EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER),
        };
        // One security group for all endpoints: HTTPS from the VPC's own range (a literal, so rules can be checked).
        var endpoints = new SecurityGroup(this, "EndpointSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            AllowAllOutbound = false,
            Description = "TFE VPC interface endpoints: HTTPS from inside the VPC",
        });
        endpoints.AddIngressRule(Peer.Ipv4(VpcCidrBlock), Port.Tcp(443), "HTTPS to AWS APIs from inside the VPC");
        foreach (var (id, service) in services)
        {
            Vpc.AddInterfaceEndpoint(id + "Endpoint", new InterfaceVpcEndpointOptions
            {
                Service = service,
                Subnets = PrivateSubnets,
                PrivateDnsEnabled = true,
                Open = false,
                SecurityGroups = [endpoints],
            });
        }
    }
}
