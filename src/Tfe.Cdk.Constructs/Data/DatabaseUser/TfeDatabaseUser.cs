using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The login role TFE connects as with RDS IAM authentication, created without a person: a custom resource whose
/// function (Node.js 24, inline, in the nodes' private subnets) reads the master secret once per deployment change,
/// connects over verified TLS, and runs idempotent SQL (create the role if absent, <c>GRANT rds_iam</c>, hand it TFE's
/// database and what the master user owns there). Delete does nothing: the role and TFE's data stay. See
/// docs/passwordless-database.md.
/// </summary>
internal sealed class TfeDatabaseUser : Construct
{
    /// <summary>Where Lambda's Node.js runtimes keep the CA bundle that includes the RDS certificate authorities.</summary>
    public const string LambdaCaBundle = "/var/runtime/ca-cert.pem";

    /// <summary>
    /// Node.js 24: nodejs20.x can no longer be created (deprecated 2026-04-30, creation blocked after), and CDK 2.160 has no
    /// constant for the newer runtimes. The handler uses only node's built-in modules, so it runs on any of them.
    /// </summary>
    internal const string NodeRuntime = "nodejs24.x";

    public TfeDatabaseUser(TfeDataTier data, string id, ITfeNetwork network, string user)
        : base(data, id)
    {
        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = network.Vpc,
            Description = "TFE database-user function: PostgreSQL to the database, HTTPS to Secrets Manager and the CloudFormation response URL",
            AllowAllOutbound = false,
        });
        SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "HTTPS: Secrets Manager and the CloudFormation response (S3 pre-signed URL)");
        data.Connections.AllowDefaultPortFrom(SecurityGroup, "PostgreSQL from the TFE database-user function");

        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "TFE database-user function: reads the master secret, manages its ENIs, writes its logs",
        });
        data.GrantReadDatabaseSecret(role);
        // Lambda creates and deletes the function's network interfaces with the execution role; EC2 cannot scope
        // CreateNetworkInterface/Describe* to resources known before they exist.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
            Resources = ["*"],
        }));

        LogEncryption.AllowLogsService(data.Key, Stack.Of(this));
        var logs = LogEncryption.RetainedLogGroup(this, "Logs", data.Key, RetentionDays.ONE_YEAR);
        logs.GrantWrite(role);

        var code = TfeDatabaseUserCode.Source;
        // The L1: CDK's Function adds a DependsOn on the role it already references (cfn-lint W3005); here the function
        // waits for the role's policy and the private subnets' routes explicitly, and for the role through its ARN.
        var subnets = network.Vpc.SelectSubnets(network.PrivateSubnets);
        Function = new CfnFunction(this, "Function", new CfnFunctionProps
        {
            Runtime = NodeRuntime,
            Handler = "index.handler",
            Code = new CfnFunction.CodeProperty { ZipFile = code },
            Description = "Creates TFE's IAM-authenticated PostgreSQL login role (idempotent; never drops it)",
            Role = role.RoleArn,
            VpcConfig = new CfnFunction.VpcConfigProperty
            {
                SubnetIds = subnets.SubnetIds,
                SecurityGroupIds = [SecurityGroup.SecurityGroupId],
            },
            Timeout = (int)Duration.Minutes(5).ToSeconds(),
            MemorySize = 256,
            LoggingConfig = new CfnFunction.LoggingConfigProperty { LogGroup = logs.LogGroupName },
            Environment = new CfnFunction.EnvironmentProperty
            {
                Variables = new Dictionary<string, string> { ["NODE_EXTRA_CA_CERTS"] = LambdaCaBundle },
            },
        });
        Function.Node.AddDependency(role.Node.FindChild("DefaultPolicy"));
        Function.Node.AddDependency(subnets.InternetConnectivityEstablished);

        Resource = new CustomResource(this, "Resource", new CustomResourceProps
        {
            ServiceToken = Function.AttrArn,
            ResourceType = "Custom::TfeDatabaseUser",
            Properties = new Dictionary<string, object>
            {
                ["SecretArn"] = data.DatabaseSecret.SecretArn,
                ["Host"] = data.DatabaseEndpointAddress,
                ["Port"] = data.DatabasePort,
                ["Database"] = data.DatabaseName,
                ["User"] = user,
                // A change of the SQL reruns it on the next update.
                ["CodeSha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code))),
            },
        });
        // The rules that let the function reach the database are resources of their own: wait for them (both groups).
        Resource.Node.AddDependency(SecurityGroup);
        foreach (var group in data.Connections.SecurityGroups)
        {
            Resource.Node.AddDependency(group);
        }
        TfeDatabaseUserNag.Suppress(this, role);
    }

    /// <summary>The function's security group (egress only: the database's port and HTTPS).</summary>
    public SecurityGroup SecurityGroup { get; }

    /// <summary>The function behind the custom resource.</summary>
    public CfnFunction Function { get; }

    /// <summary>The custom resource: the nodes depend on it.</summary>
    public CustomResource Resource { get; }
}
