using Amazon.CDK.AWS.SQS;
using Amazon.CDK.Assertions;
using Tfe.Cdk.Constructs;
using static Tfe.Cdk.Constructs.NagSuppressions;

namespace Tfe.Cdk.Tests.Internal;

public sealed class NagSuppressionsTests
{
    [Fact]
    public void Merges_Suppressions_Into_Cdk_Nag_V2_Metadata()
    {
        // Its own app, outside the scanned folder: a bare queue, only here to carry suppressions.
        var stack = new Amazon.CDK.Stack(new Amazon.CDK.App(new Amazon.CDK.AppProps { Outdir = Path.Combine(Path.GetTempPath(), "tfe-cdk-nag-suppressions-test") }), "Test");
        var queue = new Queue(stack, "Queue");
        Add(queue, false, new Suppression("AwsSolutions-SQS3", "no dead-letter queue: reason one"));
        Add(queue, false, new Suppression("AwsSolutions-SQS4", "TLS enforced elsewhere: reason two", ["Resource::*"]));
        Add(queue, false, new Suppression("AwsSolutions-SQS3", "a duplicate is ignored"));

        Template.FromStack(stack).HasResource("AWS::SQS::Queue", new Dictionary<string, object>
        {
            ["Metadata"] = new Dictionary<string, object>
            {
                ["cdk_nag"] = new Dictionary<string, object>
                {
                    ["rules_to_suppress"] = new object[]
                    {
                        new Dictionary<string, object> { ["id"] = "AwsSolutions-SQS3", ["reason"] = "no dead-letter queue: reason one" },
                        new Dictionary<string, object>
                        {
                            ["id"] = "AwsSolutions-SQS4", ["reason"] = "TLS enforced elsewhere: reason two", ["applies_to"] = new[] { "Resource::*" },
                        },
                    },
                },
            },
        });
    }
}
