using System.Text;
using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Constructs;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.AppTier;

/// <summary>
/// A <see cref="TfeStandalone"/> built from one scenario's props and synthesised once; the template is also kept as JSON
/// so that tests can read it without further jsii calls.
/// </summary>
public abstract class StandaloneFixture
{
    /// <summary>The first instance of each scenario (concrete fixture type) built in this test run.</summary>
    private static readonly Dictionary<Type, StandaloneFixture> Built = [];

    protected StandaloneFixture(Func<Stack, TfeStandaloneProps> props)
    {
        ArgumentNullException.ThrowIfNull(props);
        // xunit builds a class fixture once per class: a second class that takes the same scenario reuses the first
        // one's construct tree and synth instead of defining and synthesizing the same app again.
        lock (Built)
        {
            if (Built.TryGetValue(GetType(), out var first))
            {
                (Stack, Standalone, Synth, ResourcesJson, NodeUserData) = (first.Stack, first.Standalone, first.Synth, first.ResourcesJson, first.NodeUserData);
                (AutoScalingGroupId, LaunchTemplateId, NodeRoleId, NodeSecurityGroupId) = (first.AutoScalingGroupId, first.LaunchTemplateId, first.NodeRoleId, first.NodeSecurityGroupId);
                (LoadBalancerSecurityGroupId, LoadBalancerGroupIds, AccessLogsBucketId, AlarmIds) = (first.LoadBalancerSecurityGroupId, first.LoadBalancerGroupIds, first.AccessLogsBucketId, first.AlarmIds);
                return;
            }
        }

        Stack = TestApp.NewStack();
        Standalone = new TfeStandalone(Stack, "Tfe", props(Stack));
        var app = Standalone.App;

        AutoScalingGroupId = LogicalId(app.AutoScalingGroup.Node.DefaultChild);
        LaunchTemplateId = LogicalId(app.LaunchTemplate.Node.DefaultChild);
        NodeRoleId = LogicalId(app.Role.Node.DefaultChild);
        NodeSecurityGroupId = LogicalId(app.SecurityGroup.Node.DefaultChild);
        LoadBalancerSecurityGroupId = app.LoadBalancerSecurityGroup is { } sg ? LogicalId(sg.Node.DefaultChild) : null;
        LoadBalancerGroupIds = app.ClassicLoadBalancer is { } clb
            ? clb.Connections.SecurityGroups.Select(g => LogicalId(g.Node.DefaultChild)).ToList()
            : [LoadBalancerSecurityGroupId!];
        AccessLogsBucketId = LogicalId(Standalone.Data.AccessLogsBucket.Node.DefaultChild);
        AlarmIds = app.Alarms.Select(a => LogicalId(a.Node.DefaultChild)).ToList();

        Synth = new SynthesizedTemplate(Stack);
        ResourcesJson = JsonDocument.Parse(Synth.AllResources.ToJsonString()).RootElement.Clone();
        NodeUserData = Synth.UserData();
        lock (Built)
        {
            Built[GetType()] = this;
        }
    }

    public Stack Stack { get; }

    public TfeStandalone Standalone { get; }

    /// <summary>The one synth of this scenario.</summary>
    public SynthesizedTemplate Synth { get; }

    public Template Template => Synth.Template;

    /// <summary>The template's resources as JSON.</summary>
    public JsonElement ResourcesJson { get; }

    /// <summary>The node's user data as text, deploy-time values shown as <c>${Ref:Id}</c> / <c>${GetAtt:Id.Attr}</c>.</summary>
    public string NodeUserData { get; }

    public string AutoScalingGroupId { get; }

    public string LaunchTemplateId { get; }

    public string NodeRoleId { get; }

    public string NodeSecurityGroupId { get; }

    /// <summary>The ALB/NLB security group's logical id; null for a Classic Load Balancer.</summary>
    public string? LoadBalancerSecurityGroupId { get; }

    public string AccessLogsBucketId { get; }

    /// <summary>The security groups of the load balancer, whatever its type (the CLB's own for a Classic Load Balancer).</summary>
    public IReadOnlyList<string> LoadBalancerGroupIds { get; }

    /// <summary>The logical ids of the app tier's alarms.</summary>
    public IReadOnlyList<string> AlarmIds { get; }

    /// <summary>One resource by logical id.</summary>
    public JsonElement Resource(string logicalId) => ResourcesJson.GetProperty(logicalId);

    /// <summary>Every resource of a type, by logical id.</summary>
    public IEnumerable<(string Id, JsonElement Resource)> ResourcesOf(string type) =>
        ResourcesJson.EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == type).Select(r => (r.Name, r.Value));

    /// <summary>The logical id of the only resource of a type.</summary>
    public string SingleIdOf(string type) => ResourcesOf(type).Single().Id;

    /// <summary>Every ingress rule in the template, inline on a security group or as its own resource.</summary>
    public IEnumerable<JsonElement> IngressRules()
    {
        foreach (var (_, sg) in ResourcesOf("AWS::EC2::SecurityGroup"))
        {
            if (sg.GetProperty("Properties").TryGetProperty("SecurityGroupIngress", out var inline))
            {
                foreach (var rule in inline.EnumerateArray())
                {
                    yield return rule;
                }
            }
        }

        foreach (var (_, rule) in ResourcesOf("AWS::EC2::SecurityGroupIngress"))
        {
            yield return rule.GetProperty("Properties");
        }
    }

    /// <summary>The ingress rules of one security group (inline, or standalone resources whose GroupId refers to it).</summary>
    public IEnumerable<JsonElement> IngressRulesOf(string securityGroupId)
    {
        if (Resource(securityGroupId).GetProperty("Properties").TryGetProperty("SecurityGroupIngress", out var inline))
        {
            foreach (var rule in inline.EnumerateArray())
            {
                yield return rule;
            }
        }

        foreach (var (_, rule) in ResourcesOf("AWS::EC2::SecurityGroupIngress"))
        {
            var props = rule.GetProperty("Properties");
            if (RefersTo(props.GetProperty("GroupId"), securityGroupId))
            {
                yield return props;
            }
        }
    }

    /// <summary>The ingress rules of a security group that admit an address range (clients), not another security group.</summary>
    public IEnumerable<JsonElement> CidrIngressRulesOf(string securityGroupId) =>
        IngressRulesOf(securityGroupId).Where(r => r.TryGetProperty("CidrIp", out _) || r.TryGetProperty("CidrIpv6", out _));

    /// <summary>The ingress rules of the load balancer's security groups that admit the nodes' security group.</summary>
    public IEnumerable<JsonElement> NodeIngressRulesOfLoadBalancer() =>
        LoadBalancerGroupIds.SelectMany(IngressRulesOf)
            .Where(r => r.TryGetProperty("SourceSecurityGroupId", out var source) && RefersTo(source, NodeSecurityGroupId));

    /// <summary>The IAM policy statements attached to the node role.</summary>
    public IEnumerable<JsonElement> NodeRoleStatements() =>
        ResourcesOf("AWS::IAM::Policy")
            .Where(p => p.Resource.GetProperty("Properties").GetProperty("Roles").EnumerateArray().Any(r => RefersTo(r, NodeRoleId)))
            .SelectMany(p => p.Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());

    /// <summary>The actions of a statement, whether written as one string or a list.</summary>
    public static IReadOnlyList<string> Actions(JsonElement statement)
    {
        var action = statement.GetProperty("Action");
        return action.ValueKind == JsonValueKind.String ? [action.GetString()!] : action.EnumerateArray().Select(a => a.GetString()!).ToList();
    }

    /// <summary>True when the value is <c>{"Ref": id}</c> or <c>{"Fn::GetAtt": [id, ...]}</c>.</summary>
    public static bool RefersTo(JsonElement value, string logicalId) =>
        value.ValueKind == JsonValueKind.Object
        && ((value.TryGetProperty("Ref", out var r) && r.GetString() == logicalId)
            || (value.TryGetProperty("Fn::GetAtt", out var a) && a[0].GetString() == logicalId));


    private string LogicalId(IConstruct? construct) => Stack.GetLogicalId((CfnElement)construct!);
}
