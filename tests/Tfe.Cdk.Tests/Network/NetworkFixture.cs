using Amazon.CDK;
using Amazon.CDK.Assertions;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Network;

/// <summary>A new network with default props: one synth for the whole class.</summary>
public sealed class NetworkFixture
{
    public NetworkFixture()
    {
        Stack = TestApp.NewStack();
        Network = new TfeNetwork(Stack, "Network");
        Template = Template.FromStack(Stack);
    }

    public Stack Stack { get; }

    public TfeNetwork Network { get; }

    public Template Template { get; }
}
