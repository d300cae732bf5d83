using Amazon.CDK.Assertions;
using Tfe.Cdk.Tests.Monitoring;
using Props = System.Collections.Generic.Dictionary<string, object>;
using static Tfe.Cdk.Tests.Compliance.SecretPolicyAssertions;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>
/// Active/Active with the cache's default authentication, the AUTH token (the sample uses IAM): the monitoring fixture's
/// Active/Active deployment, which leaves <c>Redis</c> at its defaults.
/// </summary>
public sealed class ActiveActiveAuthTokenTests(ActiveActiveMonitoringFixture f) : IClassFixture<ActiveActiveMonitoringFixture>
{
    private readonly SynthesizedTemplate t = f.Synth;

    [Fact]
    [Trait("Rule", "REDIS-7")]
    public void Nodes_Read_The_Auth_Token_Into_Tfe_Redis_Password_REDIS_7()
    {
        var userData = t.UserData();
        Assert.Contains(":6379\nTFE_REDIS_USE_TLS=true\nTFE_REDIS_USE_AUTH=true\n", userData, StringComparison.Ordinal);
        Assert.Matches("\nTFE_REDIS_PASSWORD \\$\\{Ref:[A-Za-z0-9]+\\}\n", userData);
        Assert.DoesNotContain("TFE_REDIS_PASSWORDLESS", userData, StringComparison.Ordinal);
        t.Template.ResourceCountIs("AWS::ElastiCache::User", 0);
        t.Template.ResourceCountIs("AWS::ElastiCache::UserGroup", 0);
        Assert.DoesNotContain(NodePolicyStatements(t), s => s.ToJsonString().Contains("elasticache:", StringComparison.Ordinal));
    }

    [Fact]
    public void Auth_Token_Is_A_Dynamic_Reference_Cloudformation_Resolves_For_The_Replication_Group()
    {
        Assert.DoesNotContain("{{resolve:", t.UserData(), StringComparison.Ordinal);
        // RDS's master password and ElastiCache's AUTH token: CloudFormation resolves them for those two resources alone.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(t.Text, "resolve:secretsmanager"));
        t.Template.HasResourceProperties("AWS::ElastiCache::ReplicationGroup", new Props
        {
            ["AuthToken"] = Match.ObjectLike(new Props { ["Fn::Join"] = Match.ArrayWith([Match.ArrayWith(["{{resolve:secretsmanager:"])]) }),
            ["UserGroupIds"] = Match.Absent(),
        });
    }

    [Fact]
    public void Redis_Auth_Token_Denies_Reads_To_All_But_The_Nodes_And_CloudFormation()
    {
        var nodeRole = t.IdsOf("AWS::IAM::Role").Single(id => id.Contains("NodeRole", StringComparison.Ordinal));
        var token = ResourcePolicies(t).Single(p => Ref(p["SecretId"])!.Contains("RedisAuthToken", StringComparison.Ordinal));
        Assert.Equal([ExecutionRole, $"GetAtt:{nodeRole}"], Readers(SingleDeny(token)));
    }
}
