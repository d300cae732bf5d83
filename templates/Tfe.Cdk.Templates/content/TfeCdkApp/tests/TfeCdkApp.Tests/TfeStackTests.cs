using Amazon.CDK.Assertions;

namespace TfeCdkApp.Tests;

/// <summary>Assertions on the synthesized template: what the deployment must hold, whatever the library's defaults become.</summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class TfeStackTests(SynthesizedApp synthesized)
{
    // The node count TfeStack.cs gives (CloudFormation writes sizes as strings): stated here, a change to it is deliberate.
#if (ActiveActive)
    private const string NodeCount = "3";
#else
    private const string NodeCount = "1";
#endif

    private Template Template => synthesized.Template;

    [Fact]
    public void Nodes_run_in_one_auto_scaling_group_on_a_launch_template()
    {
        Template.ResourceCountIs("AWS::AutoScaling::AutoScalingGroup", 1);
        Template.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", new Dictionary<string, object>
        {
            ["MinSize"] = NodeCount,
            ["MaxSize"] = NodeCount,
            ["LaunchTemplate"] = Match.ObjectLike(new Dictionary<string, object> { ["LaunchTemplateId"] = Match.AnyValue() }),
        });
        Template.ResourceCountIs("AWS::AutoScaling::LaunchConfiguration", 0);
    }

    [Fact]
    public void Nodes_boot_the_image_cached_in_cdk_context_json()
    {
        // The node image is an SSM parameter lookup (the latest Amazon Linux 2023), cached per account and region.
        var environment = SynthesizedApp.Environment;
        var key = synthesized.Context.Keys.Single(k => k.StartsWith($"ssm:account={environment.Account}:", StringComparison.Ordinal)
            && k.Contains("/aws/service/ami-amazon-linux-latest/", StringComparison.Ordinal) && k.EndsWith($":region={environment.Region}", StringComparison.Ordinal));
        Template.HasResourceProperties("AWS::EC2::LaunchTemplate", new Dictionary<string, object>
        {
            ["LaunchTemplateData"] = Match.ObjectLike(new Dictionary<string, object> { ["ImageId"] = synthesized.Context[key] }),
        });
    }

    [Fact]
    public void Synth_needs_no_lookup_beyond_cdk_context_json()
    {
        // A lookup missing from the context would be listed here, and `cdk synth` would call AWS for it.
        Assert.Empty(synthesized.Assembly.Manifest.Missing ?? []);
    }

    [Fact]
    public void Database_is_postgres_multi_az()
    {
        Template.HasResourceProperties("AWS::RDS::DBInstance", new Dictionary<string, object>
        {
            ["Engine"] = "postgres",
            ["MultiAZ"] = true,
        });
    }

    [Fact]
    public void Load_balancer_is_internal_and_terminates_tls_with_the_certificate_from_cdk_json()
    {
        Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", new Dictionary<string, object> { ["Scheme"] = "internal" });
        Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", new Dictionary<string, object>
        {
            ["Protocol"] = "HTTPS",
            ["Certificates"] = new[] { new Dictionary<string, object> { ["CertificateArn"] = synthesized.Context[TfeSettings.CertificateArnKey] } },
        });
    }

#if (ActiveActive)
    [Fact]
    public void Nodes_share_a_redis_replication_group_with_a_node_per_zone_and_failover()
    {
        Template.HasResourceProperties("AWS::ElastiCache::ReplicationGroup", new Dictionary<string, object>
        {
            ["NumCacheClusters"] = 3,
            ["AutomaticFailoverEnabled"] = true,
            ["MultiAZEnabled"] = true,
        });
    }

#endif
    [Fact]
    public void Warns_exactly_while_cdk_json_holds_the_example_hostname_or_certificate()
    {
        var examples = synthesized.Settings.ExampleValues().ToHashSet();
        foreach (var key in new[] { TfeSettings.HostnameKey, TfeSettings.CertificateArnKey })
        {
            var warning = Match.StringLikeRegexp($"{key} is still the example value");
            if (examples.Contains(key))
            {
                synthesized.Annotations.HasWarning("*", warning);
            }
            else
            {
                synthesized.Annotations.HasNoWarning("*", warning);
            }
        }
    }
}
