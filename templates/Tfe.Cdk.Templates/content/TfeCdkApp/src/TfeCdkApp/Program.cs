using Amazon.CDK;
using TfeCdkApp;

var app = new App();
new TfeStack(app, "TfeStackName", new TfeStackProps
{
    // The CDK CLI sets CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION from your AWS credentials and configuration. Without
    // them the app targets the example account and region whose lookups cdk.context.json already holds, so
    // `cdk synth` works offline. For production, write your account and region here (README.md, "Deploying").
    Env = new Amazon.CDK.Environment
    {
        Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT") ?? "123456789012",
        Region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION") ?? "us-east-1",
    },
    Description = "Terraform Enterprise (Tfe.Cdk.Constructs)",
    Settings = TfeSettings.FromContext(app.Node),
});
app.Synth();
