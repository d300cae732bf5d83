using Amazon.CDK.AWS.ElasticLoadBalancingV2;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The TLS the load balancer offers clients: TLS 1.3, and TLS 1.2 only with ECDHE key exchange and AES-GCM, so every
/// suite is forward secret and none is CBC ("Security policies for your Application Load Balancer", "SSL negotiation
/// configurations for Classic Load Balancers", Elastic Load Balancing). A Network Load Balancer passes TCP through and
/// the node terminates TLS (TLS-3).
/// </summary>
internal static class TfeTlsPolicies
{
    /// <summary>The ALB policy: <c>ELBSecurityPolicy-TLS13-1-2-Res-2021-06</c>, or its FIPS variant <c>ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04</c>.</summary>
    public static SslPolicy Application(bool fips) => fips ? SslPolicy.FIPS_TLS13_12_RES : SslPolicy.TLS13_RES;

    /// <summary>
    /// The Classic Load Balancer's custom negotiation policy: a CLB has no TLS 1.3 and no predefined policy without CBC
    /// suites (<c>ELBSecurityPolicy-TLS-1-2-2017-01</c> keeps the CBC and RSA-key-exchange suites), so the attributes list
    /// TLS 1.2 with the four ECDHE-GCM suites. ACM certificates carry RSA keys, which the ECDHE-RSA suites serve.
    /// </summary>
    public static object[] ClassicAttributes() =>
    [
        Attribute("Protocol-SSLv3", false),
        Attribute("Protocol-TLSv1", false),
        Attribute("Protocol-TLSv1.1", false),
        Attribute("Protocol-TLSv1.2", true),
        Attribute("Server-Defined-Cipher-Order", true),
        Attribute("ECDHE-ECDSA-AES128-GCM-SHA256", true),
        Attribute("ECDHE-RSA-AES128-GCM-SHA256", true),
        Attribute("ECDHE-ECDSA-AES256-GCM-SHA384", true),
        Attribute("ECDHE-RSA-AES256-GCM-SHA384", true),
    ];

    /// <summary><see cref="TfeAppTierOptions.FipsTlsPolicy"/> needs the load balancer to terminate TLS with a FIPS policy: only an ALB has one (TLS-2).</summary>
    public static void Check(RuleCheck check, TfeAppTierOptions o)
    {
        var type = o.LoadBalancerType ?? TfeLoadBalancerType.Application;
        check.FailIf(o.FipsTlsPolicy == true && type != TfeLoadBalancerType.Application, RuleIds.Tls2, "FipsTlsPolicy", true,
            type == TfeLoadBalancerType.Network
                ? "needs a load balancer that terminates TLS; a Network Load Balancer passes TCP through and TLS ends on the node (TLS-3)"
                : "has no FIPS security policy on a Classic Load Balancer",
            "Use LoadBalancerType = Application, or remove FipsTlsPolicy");
    }

    private static Dictionary<string, object> Attribute(string name, bool value) =>
        new() { ["Name"] = name, ["Value"] = value ? "true" : "false" };
}
