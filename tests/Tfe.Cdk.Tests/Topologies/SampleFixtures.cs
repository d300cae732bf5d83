using Amazon.CDK;
using Tfe.Cdk.Samples;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>The Standalone sample's stack exactly as <c>dotnet run --project samples/StandaloneApp</c> defines it: one synth.</summary>
public sealed class StandaloneSampleFixture
{
    public StandaloneSampleFixture() => Synth = new SynthesizedTemplate(StandaloneSample.Define(TestApp.NewApp(), TestApp.Env()));

    public SynthesizedTemplate Synth { get; }
}

/// <summary>The Active/Active sample's stack exactly as <c>dotnet run --project samples/ActiveActiveApp</c> defines it: one synth.</summary>
public sealed class ActiveActiveSampleFixture
{
    public ActiveActiveSampleFixture() => Synth = new SynthesizedTemplate(ActiveActiveSample.Define(TestApp.NewApp(), TestApp.Env()));

    public SynthesizedTemplate Synth { get; }
}
