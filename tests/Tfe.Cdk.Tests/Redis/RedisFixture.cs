using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.IAM;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Redis;

/// <summary>A default network (3 AZs) and a default TfeRedis, with a node role granted the AUTH token: one synth.</summary>
public sealed class RedisFixture
{
    public RedisFixture()
    {
        Stack = TestApp.NewStack();
        Network = new TfeNetwork(Stack, "Network");
        Redis = new TfeRedis(Stack, "Redis", new TfeRedisProps { Network = Network });
        NodeRole = new Role(Stack, "NodeRole", new RoleProps { AssumedBy = new ServicePrincipal("ec2.amazonaws.com") });
        Redis.GrantReadAuthToken(NodeRole);
        Scaffolding.Nag(NodeRole, "IAMNoInlinePolicy");
        Template = Template.FromStack(Stack);
    }

    public Stack Stack { get; }

    public TfeNetwork Network { get; }

    public TfeRedis Redis { get; }

    public Role NodeRole { get; }

    public Template Template { get; }
}
