using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace Tfe.Cdk.Tests;

/// <summary>
/// One synth of a stack, read two ways: the CDK assertions <see cref="Template"/>, and the template JSON (parsed once in
/// .NET, so text searches, user data and snapshots cost no jsii round trip).
/// </summary>
public sealed class SynthesizedTemplate
{
    private Template? _template;

    public SynthesizedTemplate(Stack stack)
    {
        Stack = stack;
        var assembly = ((App)stack.Node.Root).Synth();
        Json = JsonNode.Parse(File.ReadAllText(assembly.GetStackByName(stack.StackName).TemplateFullPath))!.AsObject();
        Text = Json.ToJsonString();
    }

    public Stack Stack { get; }

    /// <summary>
    /// The CDK assertions view of the same synth, made on first use (the app's synth is cached): many fixtures are only
    /// read as JSON, and making a <see cref="Amazon.CDK.Assertions.Template"/> costs jsii round trips and Node's parse of the template.
    /// </summary>
    public Template Template => _template ??= Template.FromStack(Stack);

    /// <summary>The synthesized template as JSON.</summary>
    public JsonObject Json { get; }

    /// <summary>The whole template as one string, for absence checks (no secret, no port 22, ...).</summary>
    public string Text { get; }

    public JsonObject AllResources => Json["Resources"]!.AsObject();

    /// <summary>The logical ids of the resources of one type.</summary>
    public IReadOnlyList<string> IdsOf(string type) =>
        AllResources.Where(r => (string?)r.Value!["Type"] == type).Select(r => r.Key).ToList();

    /// <summary>
    /// The user data of the stack's launch template as text: literal parts joined, intrinsics shown as
    /// <c>${Ref:Id}</c> / <c>${GetAtt:Id.Attr}</c> placeholders.
    /// </summary>
    public string UserData()
    {
        var launchTemplate = AllResources[IdsOf("AWS::EC2::LaunchTemplate").Single()]!;
        var join = launchTemplate["Properties"]!["LaunchTemplateData"]!["UserData"]!["Fn::Base64"]!;
        return Render(join);
    }

    /// <summary>
    /// One of the node's files (by name, for example <c>tfe-boot.sh</c>) as the launch template's
    /// <c>AWS::CloudFormation::Init</c> metadata delivers it to cfn-init.
    /// </summary>
    public string NodeFile(string name)
    {
        var launchTemplate = AllResources[IdsOf("AWS::EC2::LaunchTemplate").Single()]!;
        var files = launchTemplate["Metadata"]!["AWS::CloudFormation::Init"]!["config"]!["files"]!.AsObject();
        return (string)files["/usr/local/lib/tfe/" + name]!["content"]!;
    }

    /// <summary>A template value as text: literal parts joined, intrinsics as <c>${Ref:Id}</c> / <c>${GetAtt:Id.Attr}</c>.</summary>
    internal static string Render(JsonNode? node) => node switch
    {
        JsonValue v => v.ToString(),
        JsonObject o when o["Fn::Join"] is JsonArray join => string.Join((string?)join[0], join[1]!.AsArray().Select(Render)),
        JsonObject o when o["Ref"] is JsonNode r => "${Ref:" + r + "}",
        JsonObject o when o["Fn::GetAtt"] is JsonArray g => "${GetAtt:" + g[0] + "." + g[1] + "}",
        _ => "${" + node?.ToJsonString() + "}",
    };
}
