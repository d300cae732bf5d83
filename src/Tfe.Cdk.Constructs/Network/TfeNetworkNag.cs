using Amazon.CDK;
using Amazon.CDK.AWS.EC2;

namespace Tfe.Cdk.Constructs;

/// <summary>The cdk-nag findings a new VPC keeps on purpose, in every pack that raises them, each with the reason.</summary>
internal static class TfeNetworkNag
{
    public static void SuppressVpc(IVpc vpc)
    {
        NagSuppressions.Add(vpc, false, NagControls.DefaultSecurityGroupClosed,
            "Nothing in this deployment uses the VPC's default security group: every tier defines its own. Closing it needs a Lambda-backed custom resource "
            + "(RestrictDefaultSecurityGroup), which adds a function, a role and its own findings; remove its rules with an account-wide guardrail instead.");
        foreach (var subnet in vpc.PublicSubnets)
        {
            if (subnet.Node.TryFindChild("DefaultRoute") is { } route)
            {
                NagSuppressions.Add(route, false, NagControls.RouteToInternetGateway,
                    "Public subnets exist for the NAT gateways (the nodes' egress to the image registry, VCS and AWS APIs) and an internet-facing load balancer: "
                    + "both need the 0.0.0.0/0 route to the internet gateway. Nothing else is placed there, and no subnet assigns public IPs.");
            }
        }
    }

    public static void SuppressFlowLogRole(FlowLog flowLog)
    {
        if (flowLog.Node.TryFindChild("IAMRole") is { } role && role.Node.TryFindChild("DefaultPolicy") is { } policy)
        {
            NagSuppressions.Add(policy, false, NagControls.InlinePolicy, InlinePolicyReason);
        }
    }

    /// <summary>Why every role of the library keeps the policy CDK attaches to it (see docs/compliance.md).</summary>
    public const string InlinePolicyReason =
        "CDK grants write this role's least-privilege statements into a policy attached to this role only (one-to-one, created and deleted with it), "
        + "which is the case AWS recommends inline policies for; the versioned template is the policy's history, and no other principal may attach it.";
}
