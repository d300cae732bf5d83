using Amazon.CDK;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Samples;

/// <summary>
/// Terraform Enterprise, Standalone: one node behind an internal Application Load Balancer, RDS PostgreSQL Multi-AZ, S3.
/// </summary>
public static class StandaloneSample
{
    /// <summary>Defines the sample's stack in <paramref name="app"/>; placeholders stand in for unset deploy-time settings.</summary>
    public static Stack Define(App app, Amazon.CDK.Environment env)
    {
        var stack = new Stack(app, "TfeStandalone", new StackProps { Env = env, Description = "Terraform Enterprise, Standalone (Tfe.Cdk sample)" });
        var settings = SampleHost.ReadSettings(app, stack);
        new TfeStandalone(stack, "Tfe", new TfeStandaloneProps
        {
            Hostname = settings.Hostname,
            License = settings.License,
            LoadBalancerCertificate = settings.Certificate,
            HostedZone = settings.HostedZone,
        });
        return stack;
    }
}
