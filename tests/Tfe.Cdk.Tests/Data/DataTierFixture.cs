using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Data;

/// <summary>
/// A data tier with default props in a new network, plus a node role given both grants: one synth for the whole class.
/// </summary>
public sealed class DataTierFixture
{
    public DataTierFixture()
    {
        Stack = TestApp.NewStack();
        Network = new TfeNetwork(Stack, "Network");
        Data = new TfeDataTier(Stack, "Data", new TfeDataTierProps { Network = Network });
        NodeRole = new Role(Stack, "NodeRole", new RoleProps { AssumedBy = new ServicePrincipal("ec2.amazonaws.com") });
        Data.GrantObjectStorageReadWrite(NodeRole);
        Data.GrantReadDatabaseSecret(NodeRole);
        Scaffolding.Nag(NodeRole, "AwsSolutions-IAM5", "IAMNoInlinePolicy");

        KeyId = LogicalId(Data.Key.Node.DefaultChild);
        BucketId = LogicalId(Data.Bucket.Node.DefaultChild);
        BackupBucketId = LogicalId(Data.BackupBucket!.Node.DefaultChild);
        AccessLogsBucketId = LogicalId(Data.AccessLogsBucket.Node.DefaultChild);
        NodeRoleId = LogicalId(NodeRole.Node.DefaultChild);

        var synth = new SynthesizedTemplate(Stack);
        Template = synth.Template;
        ResourcesJson = JsonDocument.Parse(synth.AllResources.ToJsonString()).RootElement.Clone();
    }

    public Stack Stack { get; }

    public TfeNetwork Network { get; }

    public TfeDataTier Data { get; }

    public Role NodeRole { get; }

    public Template Template { get; }

    /// <summary>The template's resources as JSON, read without further jsii calls.</summary>
    public JsonElement ResourcesJson { get; }

    public string KeyId { get; }

    public string BucketId { get; }

    public string BackupBucketId { get; }

    public string AccessLogsBucketId { get; }

    public string NodeRoleId { get; }

    /// <summary>The logical ids of every resource of a type.</summary>
    public IEnumerable<string> IdsOf(string type) =>
        ResourcesJson.EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == type).Select(r => r.Name);

    private string LogicalId(IConstruct? construct) => Stack.GetLogicalId((CfnElement)construct!);
}
