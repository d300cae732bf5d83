using Amazon.CDK;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Samples;

/// <summary>
/// Terraform Enterprise, Active/Active: three nodes over three AZs behind an internal Application Load Balancer,
/// sharing RDS PostgreSQL Multi-AZ, S3 and ElastiCache for Redis (one cache node per AZ, automatic failover). The nodes
/// sign in to PostgreSQL (RDS IAM authentication) and to the cache (an ElastiCache IAM user) with their IAM role: no
/// database or Redis password reaches them.
/// </summary>
public static class ActiveActiveSample
{
    /// <summary>Defines the sample's stack in <paramref name="app"/>; placeholders stand in for unset deploy-time settings.</summary>
    public static Stack Define(App app, Amazon.CDK.Environment env)
    {
        var stack = new Stack(app, "TfeActiveActive", new StackProps { Env = env, Description = "Terraform Enterprise, Active/Active (Tfe.Cdk sample)" });
        var settings = SampleHost.ReadSettings(app, stack);
        new TfeActiveActive(stack, "Tfe", new TfeActiveActiveProps
        {
            Hostname = settings.Hostname,
            License = settings.License,
            LoadBalancerCertificate = settings.Certificate,
            HostedZone = settings.HostedZone,
            NodeCount = 3,
            // Passwordless cache: an ElastiCache IAM user, elasticache:Connect on the node role (docs/security.md).
            Redis = new TfeRedisOptions { Authentication = TfeRedisAuthentication.Iam },
            Data = new TfeDataTierOptions { DatabaseAuthentication = TfeDatabaseAuthentication.Iam },
        });
        return stack;
    }
}
