using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The app tier's input checks (issue #9): values the reference says nothing about but AWS, TFE or the CDK would refuse
/// later, or that would deploy something broken: names, ranges, tokens, enums, ARNs, the image, the wiring.
/// </summary>
internal static partial class TfeAppTierPropsValidator
{
    /// <summary>gp3's largest volume: 16 TiB.</summary>
    internal const int MaxRootVolumeSizeGiB = 16384;

    /// <summary>The plain-value input checks, run by <see cref="Check"/>.</summary>
    private static void CheckValues(RuleCheck check, AppTierInputs p)
    {
        if (RuleCheck.IsToken(p.Hostname))
        {
            Inputs.WarnToken(check, RuleIds.Net2, "Hostname", "its form (a fully qualified domain name inside the HostedZone)");
        }

        check.FailIf(p.RootVolumeSizeGiB > MaxRootVolumeSizeGiB, RuleIds.Comp1, "RootVolumeSizeGiB", p.RootVolumeSizeGiB,
            $"exceeds the largest gp3 volume ({MaxRootVolumeSizeGiB} GiB)", $"Use {Defaults.RootVolumeSizeGiB} (the default) up to {MaxRootVolumeSizeGiB}");
        Inputs.RefuseToken(check, RuleIds.Comp4, "TfeVersion", p.TfeVersion,
            "it is the image tag, and it decides the health endpoint the node and the load balancer probe");
        Inputs.RefuseUndefined(check, RuleIds.Net1, "LoadBalancerType", (TfeLoadBalancerType?)p.LoadBalancerType);
        Inputs.RefuseUndefined(check, RuleIds.Tls5, "TargetType", p.TargetType);
        Inputs.RefuseUndefined(check, RuleIds.Mode2, "OperationalMode", (TfeOperationalMode?)p.Mode);

        if (p.InstanceType is { } type)
        {
            if (RuleCheck.IsToken(type))
            {
                Inputs.WarnToken(check, RuleIds.Comp1, "InstanceType", "its size (at least 4 vCPU and 16 GiB), family (not burstable) and architecture (x86_64)");
            }
            else if (InstanceSpec.Parse(type) is not null && InstanceTypeNames.Problem(type, InstanceTypeKind.Ec2, Defaults.InstanceType) is { } problem)
            {
                check.FailIf(true, RuleIds.Comp1, "InstanceType", type, problem.Problem, problem.Fix);
            }
        }

        foreach (var cidr in (p.IngressCidrs ?? []).Where(RuleCheck.IsToken))
        {
            Inputs.WarnToken(check, RuleIds.Net1, "IngressCidrs", $"the range {cidr}");
        }

        foreach (var cidr in (p.IactSubnets ?? []).Where(RuleCheck.IsToken))
        {
            Inputs.WarnToken(check, RuleIds.Comp4, "IactSubnets", $"the range {cidr}");
        }

        CheckSettingValues(check, p.AdditionalSettings);
    }

    /// <summary>AdditionalSettings: known names only, and values of the kind each setting takes.</summary>
    internal static void CheckSettingValues(RuleCheck check, IReadOnlyDictionary<string, string>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            if (RuleCheck.IsToken(key))
            {
                Inputs.RefuseToken(check, RuleIds.Comp4, "AdditionalSettings", key, "a setting's name decides what the library may render");
                continue;
            }

            var known = TfeKnownSettings.All.TryGetValue(key, out var kind);
            if (key.StartsWith("TFE_", StringComparison.Ordinal) && !known && SettingName().IsMatch(key))
            {
                var nearest = Inputs.Nearest(key, TfeKnownSettings.All.Keys);
                check.FailIf(true, RuleIds.Comp4, "AdditionalSettings", key,
                    "contains a TFE_* name that is not in the TFE configuration reference (TFE ignores unknown settings, so it would do nothing)",
                    nearest is null ? "Check the name against the TFE configuration reference" : $"Did you mean {nearest}?");
                continue;
            }

            if (value is null || RuleCheck.IsToken(value))
            {
                check.FailIf(value is null, RuleIds.Comp4, $"AdditionalSettings[\"{key}\"]", value, "has no value",
                    "Give the setting a value, or remove it for TFE's default");
                if (value is not null && kind != TfeSettingKind.Text)
                {
                    Inputs.WarnToken(check, RuleIds.Comp4, $"AdditionalSettings[\"{key}\"]", $"that it is {(kind == TfeSettingKind.Integer ? "an integer" : "a boolean")}");
                }

                continue;
            }

            check.FailIf(value.Trim().Length == 0, RuleIds.Comp4, $"AdditionalSettings[\"{key}\"]", value, "is empty or blank",
                "Give the setting a value, or remove it for TFE's default");
            check.FailIf(value.Trim().Length > 0 && value != value.Trim(), RuleIds.Comp4, $"AdditionalSettings[\"{key}\"]", value,
                "has leading or trailing whitespace, which TFE would read as part of the value", "Remove the whitespace");
            check.FailIf(known && kind == TfeSettingKind.Integer && value.Trim().Length > 0 && !IsNonNegativeInteger(value),
                RuleIds.Comp4, $"AdditionalSettings[\"{key}\"]", value, "must be a whole number (TFE reads it as an integer)",
                "Write the number alone, such as \"10\"");
            check.FailIf(known && kind == TfeSettingKind.Boolean && value.Trim().Length > 0 && !TfeKnownSettings.BooleanValues.Contains(value),
                RuleIds.Comp4, $"AdditionalSettings[\"{key}\"]", value, "must be a boolean (TFE reads it as true or false)",
                "Write \"true\" or \"false\"");
        }
    }

    private static bool IsNonNegativeInteger(string value) =>
        value.Length is > 0 and <= 9 && value.All(char.IsAsciiDigit);

    /// <summary>
    /// The checks that need the props' objects (jsii): required objects, int props that arrived as tokens, Durations,
    /// the image, the ARNs of certificates, secrets and topics, the subnets, and whether the tiers share one VPC.
    /// </summary>
    /// <param name="o">The user's options.</param>
    /// <param name="scope">The construct being defined (for its stack's region, and to read the image).</param>
    /// <param name="network">The network; null when the props left it null.</param>
    /// <param name="data">The data tier; null in a topology (built after the check) or when the props left it null.</param>
    /// <param name="redis">The cache, when given.</param>
    /// <param name="wired">True for <see cref="TfeAppTierProps"/>, whose Network and DataTier are required.</param>
    /// <param name="nodeCount">The node count as given (before defaults).</param>
    /// <param name="drainTimeout">The drain timeout as given.</param>
    public static RuleCheck CheckInputs(
        TfeAppTierOptions o,
        IConstruct scope,
        ITfeNetwork? network,
        ITfeDataTier? data,
        ITfeRedis? redis,
        bool wired,
        int? nodeCount,
        Duration? drainTimeout)
    {
        var check = new RuleCheck();
        var region = Stack.Of(scope).Region;
        Inputs.RefuseTokenNumber(check, RuleIds.Comp1, "RootVolumeSizeGiB", o.RootVolumeSizeGiB);
        Inputs.RefuseTokenNumber(check, RuleIds.Mode3, "NodeCount", nodeCount);
        Inputs.Seconds(check, RuleIds.Ops3, "DrainTimeout", drainTimeout);

        // BootTimeout's and IactTimeLimit's bounds are checked on plain values (CheckTiming, CheckIact); a token is refused
        // here because the bootstrap script and the lifecycle settings are rendered with their values.
        Inputs.Seconds(check, RuleIds.Comp3, "BootTimeout", o.BootTimeout);
        Inputs.Seconds(check, RuleIds.Comp4, "IactTimeLimit", o.IactTimeLimit);
        Inputs.RefuseUndefined(check, RuleIds.Ops2, "LogRetention", o.LogRetention);
        TfeDockerAddresses.Choose(check, o.DockerAddressRange, o.ReachableCidrs, TfeDockerAddresses.KnownVpcCidr(network));
        if (data is TfeDataTier { DatabaseAuthentication: TfeDatabaseAuthentication.Iam })
        {
            check.Include(TfeReleaseSupport.CheckDatabaseAuthentication(o.TfeVersion ?? Defaults.TfeVersion, TfeDatabaseAuthentication.Iam,
                "DataTier.DatabaseAuthentication").Violations);
        }

        if (!Inputs.RefuseNull(check, RuleIds.Comp4, "License", o.License, "Pass the Secrets Manager secret that holds the TFE license: License = Secret.FromSecretNameV2(this, \"License\", \"tfe/license\")"))
        {
            Inputs.CheckArn(check, RuleIds.Comp4, "License", o.License.SecretArn, "secretsmanager", region,
                "the node reads it with the stack's region at boot");
        }

        if (o.EncryptionPassword is { } password)
        {
            Inputs.CheckArn(check, RuleIds.Comp4, "EncryptionPassword", password.SecretArn, "secretsmanager", region,
                "the node reads it with the stack's region at boot");
        }

        if (o.NodeCertificate is { } certificate)
        {
            check.FailIf(!certificate.IsSelfSigned && certificate.Secret is null, RuleIds.Tls1, "NodeCertificate", RuleCheck.Describe("TfeNodeCertificate.FromSecret(null)"),
                "names no secret", "Pass the secret that holds the node's certificate and key, or use TfeNodeCertificate.SelfSignedAtBoot() behind an ALB or CLB");
            Inputs.CheckArn(check, RuleIds.Tls1, "NodeCertificate", certificate.Secret?.SecretArn, "secretsmanager", region,
                "the node reads it with the stack's region at boot");
        }

        Inputs.CheckArn(check, RuleIds.Tls1, "CaBundle", o.CaBundle?.SecretArn, "secretsmanager", region,
            "the node reads it with the stack's region at boot");
        Inputs.CheckArn(check, RuleIds.Comp4, "SecretsEncryptionKey", o.SecretsEncryptionKey?.KeyArn, "kms", region,
            "Secrets Manager encrypts a secret only with a KMS key of the secret's region, and the node may use the key only through Secrets Manager of the stack's region (kms:ViaService)");
        CheckWebAclRegion(check, o.LoadBalancerWebAclArn, region);
        TfeNodeLogForwarding.Check(check, o.LogForwarding, o.TfeVersion, region);
        BreakGlassPrincipals.Check(check, o.BreakGlassPrincipalArns);
        TfeTlsPolicies.Check(check, o);
        Inputs.CheckArn(check, RuleIds.Tls1, "LoadBalancerCertificate", o.LoadBalancerCertificate?.CertificateArn, "acm", region,
            "a load balancer can only use an ACM certificate of its own region");
        Inputs.CheckArn(check, RuleIds.Ops2, "AlarmTopic", o.AlarmTopic?.TopicArn, "sns", region,
            "CloudWatch alarms and Auto Scaling notify topics of their own region");

        CheckImage(check, o, scope);
        CheckImageSource(check, o.ImageSource, region);

        if (wired)
        {
            Inputs.RefuseNull(check, RuleIds.Net1, "Network", network, "Pass the TfeNetwork the nodes are placed in");
            Inputs.RefuseNull(check, RuleIds.Db4, "DataTier", data, "Pass the TfeDataTier the nodes use");
        }

        if (network is not null)
        {
            CheckPlacement(check, o, network, data, redis, region);
        }

        check.IncludeAll(TfeReleaseSupport.CheckRedisAuthentication(o.TfeVersion ?? Defaults.TfeVersion, redis?.Authentication));
        return check;
    }

    /// <summary>
    /// A regional web ACL can only be associated with a load balancer of its own region. The ARN's form is checked on the
    /// plain value (<see cref="Check"/>); here only its region, against the stack's.
    /// </summary>
    private static void CheckWebAclRegion(RuleCheck check, string? arn, string stackRegion)
    {
        if (arn is null || RuleCheck.IsToken(arn) || !WebAclArn().IsMatch(arn) || RuleCheck.IsToken(stackRegion))
        {
            return;
        }

        var webAclRegion = Inputs.ParseArn(arn)!.Region;
        check.FailIf(webAclRegion != stackRegion, RuleIds.Net1, "LoadBalancerWebAclArn", arn,
            $"is a web ACL of region {webAclRegion}, not of the stack's region {stackRegion}: AWS WAF associates a regional web ACL only with resources of its own region",
            $"Use a web ACL defined in {stackRegion} (a CfnWebACL with Scope = \"REGIONAL\" in this stack, or your security team's ACL for this region)");
    }

    private static void CheckImage(RuleCheck check, TfeAppTierOptions o, IConstruct scope)
    {
        if (o.MachineImage is not { } image)
        {
            return;
        }

        if (!CdkCalls.TryRead(() => image.GetImage((Construct)scope), out var config, out var error))
        {
            check.FailIf(true, RuleIds.Comp1, "MachineImage", RuleCheck.Describe(image.GetType().Name),
                "cannot give an image for this stack (" + error.Split('\n')[0].Trim() + ")",
                "Give the image for the stack's region (MachineImage.GenericLinux(new Dictionary<string, string> { [\"<region>\"] = \"ami-...\" }))");
            return;
        }

        check.FailIf(config.OsType != OperatingSystemType.LINUX, RuleIds.Comp1, "MachineImage", RuleCheck.Describe($"an image of OS type {config.OsType}"),
            "must be a Linux image: the node's bootstrap is a bash script that uses dnf, Docker and the CloudFormation helper",
            "Use Amazon Linux 2023 (the default) or an image built from it");
        var imageId = config.ImageId;
        if (NodeImagePlaceholder.IsPlaceholder(imageId))
        {
            // A lookup not yet performed: refusing it would stop the synth before the CDK CLI can perform the lookup
            // (the CDK's GetContextValueOptions.DummyValue); the node group warns instead (@tfe/cdk:nodeImagePlaceholder).
            return;
        }

        if (!RuleCheck.IsToken(imageId))
        {
            check.FailIf(!AmiId().IsMatch(imageId ?? string.Empty), RuleIds.Comp1, "MachineImage", imageId,
                "is not an AMI id (ami- and 8 or 17 hexadecimal digits)", "Use the id of an x86_64 Amazon Linux 2023 image, such as ami-0123456789abcdef0");
            return;
        }

        // An SSM-parameter image shows its parameter in the reference: AWS names arm64 images' parameters so.
        var resolved = System.Text.Json.JsonSerializer.Serialize(Stack.Of(scope).Resolve(imageId));
        check.FailIf(resolved.Contains("arm64", StringComparison.OrdinalIgnoreCase) || resolved.Contains("aarch64", StringComparison.OrdinalIgnoreCase),
            RuleIds.Comp1, "MachineImage", RuleCheck.Describe("an arm64 image"),
            "is an arm64 (Graviton) image, but the node's instance type and the terraform-enterprise container are x86_64",
            "Use an x86_64 image: MachineImage.LatestAmazonLinux2023() (the default)");
    }

    private static void CheckPlacement(RuleCheck check, TfeAppTierOptions o, ITfeNetwork network, ITfeDataTier? data, ITfeRedis? redis, string region)
    {
        if (Inputs.RefuseNull(check, RuleIds.Net1, "Network.Vpc", network.Vpc, "The network must carry a VPC"))
        {
            return;
        }

        var vpc = network.Vpc;
        var nodes = Inputs.SelectSubnets(check, RuleIds.Net1, "Network.PrivateSubnets", vpc, network.PrivateSubnets,
            "Select the VPC's private subnets with egress for the nodes");
        check.FailIf(nodes is { HasPublic: true }, RuleIds.Net1, "Network.PrivateSubnets", RuleCheck.Describe("(public subnets)"),
            "places the TFE nodes in public subnets", "Select private subnets with egress (through NAT) for the nodes");

        var internetFacing = o.InternetFacing ?? false;
        var loadBalancer = internetFacing
            ? Inputs.SelectSubnets(check, RuleIds.Net1, "Network.PublicSubnets", vpc, network.PublicSubnets,
                "An internet-facing load balancer needs the VPC's public subnets; select them, or leave InternetFacing false")
            : nodes;
        check.FailIf(internetFacing && loadBalancer is { HasPublic: false }, RuleIds.Net1, "Network.PublicSubnets", RuleCheck.Describe("(private subnets)"),
            "has no public subnet, so an internet-facing load balancer cannot be reached", "Select the VPC's public subnets");
        if ((o.LoadBalancerType ?? TfeLoadBalancerType.Application) == TfeLoadBalancerType.Application && loadBalancer is not null)
        {
            var zones = loadBalancer.AvailabilityZones.Distinct(StringComparer.Ordinal).ToList();
            check.FailIf(!zones.Any(RuleCheck.IsToken) && zones.Count < 2, RuleIds.Net1,
                internetFacing ? "Network.PublicSubnets" : "Network.PrivateSubnets", RuleCheck.Describe($"{zones.Count} Availability Zone(s)"),
                "gives an Application Load Balancer fewer than 2 Availability Zones (AWS requires subnets in at least two)",
                "Select subnets in 2 or more AZs");
        }

        if (data is TfeDataTier tier && !Inputs.SameVpc(vpc, tier.Database.Vpc))
        {
            check.FailIf(true, RuleIds.Db4, "DataTier", RuleCheck.Describe(tier.Node.Path),
                "is in another VPC than the nodes' Network: its security group cannot admit the nodes", "Build the data tier on the same TfeNetwork");
        }

        if (data is IConstruct dataConstruct)
        {
            var dataRegion = Stack.Of(dataConstruct).Region;
            check.FailIf(!RuleCheck.IsToken(dataRegion) && !RuleCheck.IsToken(region) && dataRegion != region, RuleIds.Db4, "DataTier",
                RuleCheck.Describe(dataRegion), $"is in another region than the nodes ({region})", "Define the data tier in a stack of the nodes' region");
        }

        if (redis is TfeRedis cache && !Inputs.SameVpc(vpc, cache.Vpc))
        {
            check.FailIf(true, RuleIds.Redis7, "Redis", RuleCheck.Describe(cache.Node.Path),
                "is in another VPC than the nodes' Network: its security group cannot admit the nodes", "Build the cache on the same TfeNetwork");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AmiId();
}
