using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.SNS;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Redis;

/// <summary>
/// Every non-default choice at once, one synth: a single-node sandbox on the dated reference's Redis 5.0.6, a burstable node type, port 6380,
/// an alarm topic, and the TFE nodes' security group allowed in.
/// </summary>
public sealed class RedisSandboxFixture
{
    public RedisSandboxFixture()
    {
        Stack = TestApp.NewStack();
        var network = new TfeNetwork(Stack, "Network");
        NodesSecurityGroup = new SecurityGroup(Stack, "Nodes", new SecurityGroupProps { Vpc = network.Vpc });
        Redis = new TfeRedis(Stack, "Redis", new TfeRedisProps
        {
            Network = network,
            SingleNodeSandbox = true,
            EngineVersion = TfeRedisVersion.V5_0_6,
            NodeType = "cache.t4g.medium",
            Port = 6380,
            AlarmTopic = Scaffolding.Nag(new Topic(Stack, "Alarms", new TopicProps { EnforceSSL = true }), "AwsSolutions-SNS3", "SNSEncryptedKMS"),
        });
        Redis.Connections.AllowDefaultPortFrom(NodesSecurityGroup);
        Template = Template.FromStack(Stack);
    }

    public Stack Stack { get; }

    public SecurityGroup NodesSecurityGroup { get; }

    public TfeRedis Redis { get; }

    public Template Template { get; }
}
