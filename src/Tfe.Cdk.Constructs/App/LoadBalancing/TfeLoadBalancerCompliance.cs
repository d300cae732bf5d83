using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.WAFv2;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What the compliance packs ask of the load balancer: the web ACL association when the user gives one, and the
/// reasons for what stays (deletion protection a sandbox turned off, no web ACL, the HTTP redirect listener).
/// </summary>
internal static class TfeLoadBalancerCompliance
{
    public static void Apply(Construct scope, BaseLoadBalancer loadBalancer, bool deletionProtection, string? webAclArn, bool internetFacing)
    {
        if (!deletionProtection)
        {
            NagSuppressions.Add(loadBalancer, false, NagControls.LoadBalancerDeletionProtection,
                "Deletion protection is off because the user chose it (LoadBalancerDeletionProtection = false, or a sandbox with RemovalPolicy.DESTROY that is meant to be deleted). The load balancer holds no data.");
        }

        if (loadBalancer is not ApplicationLoadBalancer alb)
        {
            return;
        }

        if (webAclArn is not null)
        {
            new CfnWebACLAssociation(scope, "WebAclAssociation", new CfnWebACLAssociationProps
            {
                ResourceArn = alb.LoadBalancerArn,
                WebAclArn = webAclArn,
            });
        }
        else
        {
            NagSuppressions.Add(alb, false, NagControls.AlbWaf,
                (internetFacing
                    ? "No web ACL was given. "
                    : "The load balancer is internal: only the VPC (or IngressCidrs) reaches it. ")
                + "A WAF web ACL costs money per ACL, rule and request and must be tuned so TFE's API, VCS webhooks and agents pass; "
                + "associate one with LoadBalancerWebAclArn (PCI DSS 6.6 asks a public-facing web application for a WAF or for application reviews).");
        }
    }

    public static void SuppressRedirectListener(ApplicationListener redirect) =>
        NagSuppressions.Add(redirect, false, NagControls.ListenerCertificate,
            "This listener serves no content: it answers every HTTP request with a permanent redirect to HTTPS (443), where TLS terminates with the ACM certificate (TLS-2). Turn it off with HttpRedirect = false.");
}
