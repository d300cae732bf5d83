using Amazon.CDK;
using Tfe.Cdk.Samples;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>
/// The Standalone sample's stack exactly as <c>dotnet run --project samples/StandaloneApp</c> defines it: one synth per
/// test run, shared by every class that takes this fixture (xunit builds a class fixture once per class).
/// </summary>
public sealed class StandaloneSampleFixture
{
    private static readonly Lazy<SynthesizedTemplate> Shared = new(() => new SynthesizedTemplate(StandaloneSample.Define(TestApp.NewApp(), TestApp.Env())));

    public SynthesizedTemplate Synth { get; } = Shared.Value;
}

/// <summary>The Active/Active sample's stack exactly as <c>dotnet run --project samples/ActiveActiveApp</c> defines it: one synth per test run, shared.</summary>
public sealed class ActiveActiveSampleFixture
{
    private static readonly Lazy<SynthesizedTemplate> Shared = new(() => new SynthesizedTemplate(ActiveActiveSample.Define(TestApp.NewApp(), TestApp.Env())));

    public SynthesizedTemplate Synth { get; } = Shared.Value;
}
