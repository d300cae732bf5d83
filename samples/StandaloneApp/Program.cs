using Tfe.Cdk.Samples;

var app = SampleHost.NewApp();
StandaloneSample.Define(app, SampleHost.Environment());
SampleHost.SynthAndSummarize(app);
