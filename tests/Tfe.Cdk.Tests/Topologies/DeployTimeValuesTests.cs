using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.SecretsManager;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>
/// An Active/Active deployment whose props take every value they accept at deploy time from a <c>CfnParameter</c>: the
/// hostname (with a hosted zone), the license and certificate ARNs, the IACT ranges and the web ACL. One synth, kept in
/// <c>synthesized/DeployTimeValuesFixture</c>, where CI's "Test scenarios" step runs cfn-lint and cdk-nag on it.
/// <c>IngressCidrs</c> from a parameter synthesizes too, but is left out: cdk-nag cannot evaluate a security group rule
/// whose range is a parameter (CdkNagValidationFailure), and the library does not suppress that yet.
/// </summary>
public sealed class DeployTimeValuesFixture
{
    public DeployTimeValuesFixture()
    {
        var stack = TestApp.NewStack();
        string Parameter(string id, string description) =>
            new CfnParameter(stack, id, new CfnParameterProps { Type = "String", Description = description }).ValueAsString;

        new TfeActiveActive(stack, "Tfe", new TfeActiveActiveProps
        {
            Hostname = Parameter("Hostname", "The TFE hostname, inside corp.example.com"),
            License = Secret.FromSecretCompleteArn(stack, "License", Parameter("LicenseSecretArn", "The license secret's ARN")),
            LoadBalancerCertificate = Certificate.FromCertificateArn(stack, "Cert", Parameter("CertificateArn", "An ACM certificate for the hostname")),
            HostedZone = HostedZone.FromHostedZoneAttributes(stack, "Zone", new HostedZoneAttributes { HostedZoneId = "Z0123456789", ZoneName = "corp.example.com" }),
            IactSubnets = [Parameter("AdminCidr", "Where the first admin fetches the IACT from")],
            LoadBalancerWebAclArn = Parameter("WebAclArn", "A regional AWS WAF web ACL"),
        });
        Synth = new SynthesizedTemplate(stack);
    }

    public SynthesizedTemplate Synth { get; }
}

public sealed class DeployTimeValuesTests(DeployTimeValuesFixture f) : IClassFixture<DeployTimeValuesFixture>
{
    [Fact]
    public void Every_Output_Description_Is_A_Literal_Even_With_A_Parameter_Hostname()
    {
        // CloudFormation accepts only a literal string as an Output's Description (cfn-lint E6003).
        var outputs = f.Synth.Json["Outputs"]!.AsObject();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Value!["Description"] is null or JsonValue, $"{o.Key}'s Description is {o.Value!["Description"]!.ToJsonString()}"));
    }

    [Fact]
    public void The_Parameters_Reach_The_Template_As_References()
    {
        var text = f.Synth.Text;
        foreach (var parameter in new[] { "Hostname", "LicenseSecretArn", "CertificateArn", "AdminCidr", "WebAclArn" })
        {
            Assert.Contains($"{{\"Ref\":\"{parameter}\"}}", text, StringComparison.Ordinal);
        }
    }
}
