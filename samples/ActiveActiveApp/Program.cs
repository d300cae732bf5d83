using Tfe.Cdk.Samples;

var app = SampleHost.NewApp();
ActiveActiveSample.Define(app, SampleHost.Environment());
SampleHost.SynthAndSummarize(app);
