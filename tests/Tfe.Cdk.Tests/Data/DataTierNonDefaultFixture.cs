using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Data;

/// <summary>
/// Discouraged but allowed choices in one stack: no backup bucket, DESTROY, a burstable class. One synth.
/// </summary>
public sealed class DataTierNonDefaultFixture
{
    public DataTierNonDefaultFixture()
    {
        Stack = TestApp.NewStack();
        var network = new TfeNetwork(Stack, "Network");
        Data = new TfeDataTier(Stack, "Data", new TfeDataTierProps
        {
            Network = network,
            BackupBucket = false,
            RemovalPolicy = RemovalPolicy.DESTROY,
            DatabaseInstanceType = InstanceType.Of(InstanceClass.T3, InstanceSize.XLARGE),
        });
        var synth = new SynthesizedTemplate(Stack);
        Template = synth.Template;
        Annotations = Amazon.CDK.Assertions.Annotations.FromStack(Stack);
        ResourcesJson = JsonDocument.Parse(synth.AllResources.ToJsonString()).RootElement.Clone();
    }

    public Stack Stack { get; }

    public TfeDataTier Data { get; }

    public Template Template { get; }

    public Amazon.CDK.Assertions.Annotations Annotations { get; }

    public JsonElement ResourcesJson { get; }
}
