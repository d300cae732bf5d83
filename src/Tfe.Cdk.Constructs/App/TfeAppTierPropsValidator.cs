using System.Net;
using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>The plain values of <see cref="TfeAppTierProps"/> that the rules look at (no jsii objects).</summary>
internal sealed record AppTierInputs
{
    public string? Hostname { get; init; }
    public TfeOperationalMode Mode { get; init; }
    public bool HasRedis { get; init; }
    public int? NodeCount { get; init; }
    public string? InstanceType { get; init; }
    public int? RootVolumeSizeGiB { get; init; }
    public string? TfeVersion { get; init; }
    public string? ImageDigest { get; init; }
    public TfeInitialAdmin? InitialAdmin { get; init; }
    public TfeLoadBalancerType LoadBalancerType { get; init; }
    public bool InternetFacing { get; init; }
    public bool HasLoadBalancerCertificate { get; init; }

    /// <summary>null when no node certificate was given; otherwise whether it is self-signed.</summary>
    public bool? NodeCertificateSelfSigned { get; init; }
    public TfeTargetType? TargetType { get; init; }
    public bool? HttpRedirect { get; init; }
    public IReadOnlyList<string>? IngressCidrs { get; init; }
    public IReadOnlyDictionary<string, string>? AdditionalSettings { get; init; }
    public double? DrainTimeoutSeconds { get; init; }
    public double? BootTimeoutSeconds { get; init; }
    public IReadOnlyList<string>? IactSubnets { get; init; }
    public double? IactTimeLimitSeconds { get; init; }
    public string? WebAclArn { get; init; }
    public bool? LoadBalancerDeletionProtection { get; init; }

    /// <summary>Reads the plain values out of the props (the only jsii calls are the instance type's and the Durations', token-safe through <see cref="Inputs.PlainSeconds"/>).</summary>
    public static AppTierInputs From(TfeAppTierOptions o, TfeOperationalMode mode, bool hasRedis, int? nodeCount, Amazon.CDK.Duration? drainTimeout) => new()
    {
        Hostname = o.Hostname,
        Mode = mode,
        HasRedis = hasRedis,
        NodeCount = Inputs.IsTokenNumber(nodeCount) ? null : nodeCount,
        InstanceType = o.InstanceType?.ToString() ?? Defaults.InstanceType,
        RootVolumeSizeGiB = Inputs.IsTokenNumber(o.RootVolumeSizeGiB) ? null : o.RootVolumeSizeGiB,
        TfeVersion = o.TfeVersion,
        ImageDigest = o.ImageDigest,
        InitialAdmin = o.InitialAdmin,
        LoadBalancerType = o.LoadBalancerType ?? TfeLoadBalancerType.Application,
        InternetFacing = o.InternetFacing ?? false,
        HasLoadBalancerCertificate = o.LoadBalancerCertificate is not null,
        NodeCertificateSelfSigned = o.NodeCertificate?.IsSelfSigned,
        TargetType = o.TargetType,
        HttpRedirect = o.HttpRedirect,
        IngressCidrs = o.IngressCidrs,
        AdditionalSettings = o.AdditionalSettings,
        DrainTimeoutSeconds = Inputs.PlainSeconds(drainTimeout),
        BootTimeoutSeconds = Inputs.PlainSeconds(o.BootTimeout),
        IactSubnets = o.IactSubnets,
        IactTimeLimitSeconds = Inputs.PlainSeconds(o.IactTimeLimit),
        WebAclArn = o.LoadBalancerWebAclArn,
        LoadBalancerDeletionProtection = o.LoadBalancerDeletionProtection,
    };
}

/// <summary>The rules a <see cref="TfeAppTierProps"/> must follow: COMP-*, MODE-*, TLS-*, NET-2.</summary>
internal static partial class TfeAppTierPropsValidator
{
    public static RuleCheck Check(AppTierInputs p)
    {
        var check = new RuleCheck();
        CheckHostname(check, p.Hostname);
        CheckMode(check, p);
        CheckInstance(check, p.InstanceType, p.RootVolumeSizeGiB);
        CheckLoadBalancer(check, p);
        CheckSettings(check, p.AdditionalSettings);
        CheckTiming(check, p);
        CheckIact(check, p);
        CheckValues(check, p);
        CheckImageDigest(check, p.ImageDigest);
        CheckInitialAdmin(check, p.InitialAdmin);
        check.FailIf(p.TfeVersion is not null && !RuleCheck.IsToken(p.TfeVersion) && TfeRelease.Parse(p.TfeVersion) is null,
            RuleIds.Comp4, "TfeVersion", p.TfeVersion, "is not a TFE release tag",
            "Use a semantic release such as 1.2.2 or a calendar release such as v202507-1");
        return check;
    }

    private static void CheckHostname(RuleCheck check, string? hostname)
    {
        if (RuleCheck.IsToken(hostname))
        {
            return;
        }

        check.FailIf(string.IsNullOrWhiteSpace(hostname) || !Fqdn().IsMatch(hostname), RuleIds.Net2, "Hostname", hostname,
            "must be a fully qualified domain name that resolves to the load balancer",
            "Use the name users will type, such as tfe.example.com; the certificate must cover it (TLS-1)");
    }

    private static void CheckMode(RuleCheck check, AppTierInputs p)
    {
        if (p.Mode == TfeOperationalMode.External)
        {
            check.FailIf(p.DrainTimeoutSeconds is not null, RuleIds.Ops3, "DrainTimeout", p.DrainTimeoutSeconds is { } given ? Seconds(given) : null,
                "only applies to active/active mode", "Remove it: a Standalone node is not drained (TFE's drain is a multi-node command)");
            check.FailIf(p.NodeCount is not null and not 1, RuleIds.Mode1, "NodeCount", p.NodeCount,
                "must be 1 in external (Standalone) mode",
                "Standalone runs exactly one node (min = max = 1); use active/active for more nodes");
            check.FailIf(p.HasRedis, RuleIds.Mode1, "Redis", RuleCheck.Describe("(set)"),
                "only applies to active/active mode: in external (Standalone) mode TFE keeps its own Redis inside the container, so the nodes would be granted and told a cache TFE never uses",
                "Remove Redis, or set OperationalMode = TfeOperationalMode.ActiveActive");
            return;
        }

        check.FailIf(!p.HasRedis, RuleIds.Mode2, "Redis", null,
            "is required in active/active mode",
            "Active/active shares a Redis memory cache between the nodes: pass a TfeRedis");
        check.FailIf(p.DrainTimeoutSeconds is < Defaults.MinDrainTimeoutSeconds or > Defaults.MaxDrainTimeoutSeconds, RuleIds.Ops3,
            "DrainTimeout", p.DrainTimeoutSeconds is { } seconds ? Seconds(seconds) : null,
            $"must be between {Defaults.MinDrainTimeoutSeconds / 60} and {Defaults.MaxDrainTimeoutSeconds / 60} minutes",
            $"A change of the launch template replaces every node at once and the new nodes wait out the drain within BootTimeout "
            + $"(at most {Defaults.MaxBootTimeoutSeconds / 60} minutes, {(Defaults.SignalMarginSeconds + Defaults.MinNodeStartSeconds) / 60} of them kept for starting TFE); "
            + "for longer runs, drain the nodes by hand (tfectl node drain) before deploying");
        check.FailIf(p.NodeCount is < 1 or > Defaults.MaxActiveActiveNodes, RuleIds.Mode3, "NodeCount", p.NodeCount,
            $"must be between 1 and {Defaults.MaxActiveActiveNodes} in active/active mode",
            $"TFE supports up to {Defaults.MaxActiveActiveNodes} active/active nodes; 1 is for the scale-down step of a required upgrade (OPS-4)");
    }

    /// <summary>
    /// COMP-3: the group replaces failed nodes, so a healthy boot must never look failed. Every duration derives from
    /// BootTimeout; it must fit CloudFormation's one-hour PauseTime and leave room for the drain and a TFE start.
    /// </summary>
    private static void CheckTiming(RuleCheck check, AppTierInputs p)
    {
        if (p.BootTimeoutSeconds is not { } boot)
        {
            return;
        }

        var drain = p.Mode == TfeOperationalMode.ActiveActive ? p.DrainTimeoutSeconds ?? Defaults.DrainTimeoutSeconds : 0;
        var drainFits = drain <= Defaults.MaxDrainTimeoutSeconds;
        var min = Defaults.MinBootTimeoutSeconds + (drainFits ? drain : 0);
        var max = Defaults.MaxBootTimeoutSeconds;
        var range = $"between {Minutes(min)} and {Minutes(max)} minutes";
        check.FailIf(boot < min || boot > max, RuleIds.Comp3, "BootTimeout", Seconds(boot),
            drain > 0 && drainFits
                ? $"must be {range}: the drain ({Minutes(drain)} minutes) + a TFE start ({Minutes(Defaults.MinNodeStartSeconds)}) + the signal margin ({Minutes(Defaults.SignalMarginSeconds)}), and at most CloudFormation's one-hour PauseTime"
                : $"must be {range}: a TFE start ({Minutes(Defaults.MinNodeStartSeconds)}) + the signal margin ({Minutes(Defaults.SignalMarginSeconds)}), and at most CloudFormation's one-hour PauseTime",
            boot > max
                ? "CloudFormation waits at most one hour (PT1H) for a rolling update's signals: use 60 minutes or less"
                : "A node that may not finish booting is killed by the health check or fails its signal: give it more time, or shorten DrainTimeout");
    }

    /// <summary>A Duration as the message shows it: a description (<c>3601 seconds</c>), not the user's text, so not quoted.</summary>
    private static RuleCheck.Shown Seconds(double seconds) =>
        RuleCheck.Describe(seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " seconds");

    private static string Minutes(double seconds) =>
        (seconds / 60).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Initial Admin Creation Token settings (instance configuration, COMP-4).</summary>
    private static void CheckIact(RuleCheck check, AppTierInputs p)
    {
        check.FailIf(p.IactSubnets is { Count: 0 }, RuleIds.Comp4, "IactSubnets", RuleCheck.Describe("[] (empty)"),
            "admits nobody, which is TFE's default anyway",
            "Remove IactSubnets (read the token on a node with the InitialAdminTokenCommand output), or name the ranges allowed to fetch it");
        foreach (var cidr in p.IactSubnets ?? [])
        {
            check.FailIf(!RuleCheck.IsToken(cidr) && !IsCidr(cidr, allowIpv6: true), RuleIds.Comp4, "IactSubnets", cidr,
                "contains a value that is not a CIDR range", "Use ranges such as 10.0.0.0/16 or 2001:db8::/32");
        }

        if (p.IactTimeLimitSeconds is { } seconds)
        {
            check.FailIf(seconds % 60 != 0 || seconds < Defaults.MinIactTimeLimitMinutes * 60 || seconds > Defaults.MaxIactTimeLimitMinutes * 60,
                RuleIds.Comp4, "IactTimeLimit", Seconds(seconds),
                $"must be whole minutes between {Defaults.MinIactTimeLimitMinutes} and {Defaults.MaxIactTimeLimitMinutes} (TFE_IACT_TIME_LIMIT counts minutes)",
                "Use Duration.Minutes(n); the token only bootstraps the first admin, so keep the window short");
        }
    }

    private static void CheckInstance(RuleCheck check, string? instanceType, int? rootVolumeSizeGiB)
    {
        check.FailIf(rootVolumeSizeGiB is < Defaults.MinRootVolumeSizeGiB, RuleIds.Comp1, "RootVolumeSizeGiB", rootVolumeSizeGiB,
            $"must be at least {Defaults.MinRootVolumeSizeGiB} GiB",
            $"The reference sizes a node's disk at {Defaults.MinRootVolumeSizeGiB} GB");
        if (instanceType is null || RuleCheck.IsToken(instanceType))
        {
            return;
        }

        var spec = InstanceSpec.Parse(instanceType);
        check.FailIf(spec is null, RuleIds.Comp1, "InstanceType", instanceType, "is not an EC2 instance type name",
            "Use a name such as m5.xlarge");
        if (spec is null)
        {
            return;
        }

        check.FailIf(spec.IsBurstable, RuleIds.Comp2, "InstanceType", instanceType,
            "must not be a burstable (T-family) type",
            "Use m5.xlarge (minimum size) or m5.2xlarge (scaled size), or another fixed-performance type");
        check.FailIf(!spec.IsBurstable && spec.Meets(4, 16) == false, RuleIds.Comp1, "InstanceType", instanceType,
            $"is smaller than the reference's minimum of 4 vCPU and 16 GiB ({spec.VCpus} vCPU, {spec.MemoryGiB} GiB)",
            "Use m5.xlarge (minimum size) or m5.2xlarge (scaled size), or another type with at least 4 vCPU and 16 GiB");
        check.FailIf(spec.IsArm64, RuleIds.Comp1, "InstanceType", instanceType,
            "is a Graviton (arm64) type, but the node image and the terraform-enterprise container are x86_64",
            "Use an x86_64 type such as m5.xlarge, m6i.xlarge or m7i.xlarge");
    }

    private static void CheckLoadBalancer(RuleCheck check, AppTierInputs p)
    {
        var nlb = p.LoadBalancerType == TfeLoadBalancerType.Network;
        var name = p.LoadBalancerType.ToString();
        var aName = (p.LoadBalancerType == TfeLoadBalancerType.Application ? "an " : "a ") + name;
        check.FailIf(!nlb && !p.HasLoadBalancerCertificate, RuleIds.Tls2, "LoadBalancerCertificate", null,
            $"is required with {aName} Load Balancer, which terminates TLS",
            "Pass the ACM certificate for the hostname (TLS-1: signed by a public or private CA)");
        check.FailIf(nlb && p.HasLoadBalancerCertificate, RuleIds.Tls6, "LoadBalancerCertificate", RuleCheck.Describe("(set)"),
            "cannot be used with a Network Load Balancer: TLS terminates on the node (TLS-3), and an ACM certificate's private key cannot be exported to it",
            "Remove it and pass the node's certificate as NodeCertificate = TfeNodeCertificate.FromSecret(...), or use an Application Load Balancer");
        check.FailIf(nlb && p.NodeCertificateSelfSigned is null, RuleIds.Tls1, "NodeCertificate", null,
            "is required with a Network Load Balancer, because clients see the node's certificate",
            "Pass TfeNodeCertificate.FromSecret(...) with a certificate signed by a public or private CA");
        check.FailIf(nlb && p.NodeCertificateSelfSigned == true, RuleIds.Tls4, "NodeCertificate", RuleCheck.Describe("TfeNodeCertificate.SelfSignedAtBoot()"),
            "cannot be self-signed behind a Network Load Balancer, because clients see the node's certificate",
            "Pass TfeNodeCertificate.FromSecret(...) with a CA-signed certificate, or use an Application Load Balancer with an ACM certificate");
        check.FailIf(nlb && !p.InternetFacing && p.TargetType == TfeTargetType.Instance, RuleIds.Tls5, "TargetType", p.TargetType,
            "cannot be used with an internal Network Load Balancer: it does not support loopback, so a node cannot reach TFE through its own hostname",
            "Remove TargetType (an internal NLB targets by IP), or make the load balancer internet-facing");
        check.FailIf(!nlb && p.TargetType is not null, RuleIds.Tls5, "TargetType", p.TargetType,
            $"only applies to a Network Load Balancer, not {aName} Load Balancer",
            "Remove TargetType");
        check.FailIf(p.LoadBalancerType != TfeLoadBalancerType.Application && p.HttpRedirect == true, RuleIds.Tls2, "HttpRedirect", true,
            $"is only available with an Application Load Balancer, not {aName} Load Balancer",
            "Remove HttpRedirect, or use an Application Load Balancer");
        check.FailIf(p.WebAclArn is not null && p.LoadBalancerType != TfeLoadBalancerType.Application, RuleIds.Net1, "LoadBalancerWebAclArn", p.WebAclArn,
            $"can only be associated with an Application Load Balancer, not a {p.LoadBalancerType} Load Balancer",
            "Use LoadBalancerType = Application, or remove LoadBalancerWebAclArn");
        check.FailIf(p.WebAclArn is not null && !RuleCheck.IsToken(p.WebAclArn) && !WebAclArn().IsMatch(p.WebAclArn), RuleIds.Net1, "LoadBalancerWebAclArn", p.WebAclArn,
            "is not the ARN of a regional AWS WAF web ACL",
            "Use an ARN like arn:aws:wafv2:us-east-1:123456789012:regional/webacl/name/id (CloudFront-scope web ACLs cannot be associated with a load balancer)");
        check.FailIf(p.LoadBalancerType == TfeLoadBalancerType.Classic && p.LoadBalancerDeletionProtection == true, RuleIds.Net1,
            "LoadBalancerDeletionProtection", true,
            "cannot be turned on for a Classic Load Balancer, which has no deletion protection: the setting would be silently ignored",
            "Remove LoadBalancerDeletionProtection, or use an Application or Network Load Balancer");
        check.FailIf(p.IngressCidrs is { Count: 0 }, RuleIds.Net1, "IngressCidrs", RuleCheck.Describe("[] (empty)"),
            "admits nobody, so no client could reach TFE",
            "Name at least one range, or remove IngressCidrs for the default (the VPC's range, or 0.0.0.0/0 when internet-facing)");
        foreach (var cidr in p.IngressCidrs ?? [])
        {
            check.FailIf(!RuleCheck.IsToken(cidr) && !IsCidr(cidr, allowIpv6: false), RuleIds.Net1, "IngressCidrs", cidr,
                "contains a value that is not an IPv4 CIDR", "Use ranges such as 10.0.0.0/8 or 203.0.113.0/24");
        }
    }

    private static void CheckSettings(RuleCheck check, IReadOnlyDictionary<string, string>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            check.FailIf(!SettingName().IsMatch(key), RuleIds.Comp4, "AdditionalSettings", key,
                "contains a key that is neither a TFE_* setting nor a proxy variable",
                "Use TFE_* names from the TFE configuration reference, or http_proxy, https_proxy, no_proxy");
            check.FailIf(TfeNodeSettings.ManagedKeys.Contains(key), RuleIds.Comp4, "AdditionalSettings", key,
                "contains a setting the library manages",
                "Set it through the matching prop instead (for example Hostname, TfeVersion, the data tier)");
            check.FailIf(SecretName().IsMatch(key), RuleIds.Comp4, "AdditionalSettings", key,
                "contains what looks like a secret, which would be rendered into the user data and the template",
                "Secrets are read from Secrets Manager at boot; keep them out of AdditionalSettings");
            check.FailIf(value is not null && (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)),
                RuleIds.Comp4, "AdditionalSettings", key, "has a value with a line break", "Use a single-line value");
        }
    }

    private static bool IsCidr(string? cidr, bool allowIpv6 = false)
    {
        var parts = cidr?.Split('/');
        if (parts is not { Length: 2 } || !IPAddress.TryParse(parts[0], out var ip)
            || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        return ip.AddressFamily switch
        {
            System.Net.Sockets.AddressFamily.InterNetwork => bits is >= 0 and <= 32,
            System.Net.Sockets.AddressFamily.InterNetworkV6 => allowIpv6 && bits is >= 0 and <= 128,
            _ => false,
        };
    }

    [GeneratedRegex(@"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Fqdn();

    [GeneratedRegex(@"^(TFE_[A-Z0-9_]+|http_proxy|https_proxy|no_proxy)$", RegexOptions.CultureInvariant)]
    private static partial Regex SettingName();

    [GeneratedRegex(@"(PASSWORD|TOKEN|SECRET|LICENSE|PRIVATE|_KEY$|ACCESS_KEY)", RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/[^/]+/[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex WebAclArn();
}
