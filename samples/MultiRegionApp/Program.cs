using Tfe.Cdk.Samples;

var app = SampleHost.NewApp();
MultiRegionSample.Define(app, SampleHost.Environment(MultiRegionSample.PrimaryRegion), SampleHost.Environment(MultiRegionSample.DrRegion));
SampleHost.SynthAndSummarize(app);
Console.WriteLine("  -c tfe:drCertificateArn=...  an ACM certificate covering the hostname in " + MultiRegionSample.DrRegion);
Console.WriteLine("  -c tfe:promoted=true  fail over: promote the DR database and scale the DR nodes (deploy TfeMultiRegion-Dr alone)");
