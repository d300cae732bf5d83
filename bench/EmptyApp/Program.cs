using Amazon.CDK;

var app = new App(new AppProps { AnalyticsReporting = false });
var stack = new Stack(app, "Empty");
new CfnOutput(stack, "Floor", new CfnOutputProps { Value = "empty" });
app.Synth();
