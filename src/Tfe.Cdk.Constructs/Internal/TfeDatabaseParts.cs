using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.RDS;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// What every TFE database of the library shares, in both regions: the PostgreSQL engine (the pinned default version),
/// a security group that admits nobody until the nodes are allowed, and a parameter group that requires TLS.
/// </summary>
internal static class TfeDatabaseParts
{
    /// <summary>The PostgreSQL engine of <paramref name="version"/>, or of the library's pinned default.</summary>
    public static IInstanceEngine Engine(PostgresEngineVersion? version) => DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps
    {
        Version = version ?? PostgresEngineVersion.Of(Defaults.PostgresFullVersion, Defaults.PostgresMajorVersion),
    });

    /// <summary>The database's security group: no ingress until the nodes are allowed, no egress.</summary>
    /// <param name="scope">The data tier.</param>
    /// <param name="vpc">The VPC.</param>
    /// <param name="site">How descriptions name the database, for example "TFE PostgreSQL".</param>
    public static SecurityGroup SecurityGroup(Construct scope, IVpc vpc, string site) => new(scope, "DatabaseSecurityGroup", new SecurityGroupProps
    {
        Vpc = vpc,
        Description = $"{site}: no ingress until the TFE nodes are allowed through Connections",
        AllowAllOutbound = false,
    });

    /// <summary>The parameter group that refuses unencrypted connections (<c>rds.force_ssl = 1</c>).</summary>
    /// <param name="scope">The data tier.</param>
    /// <param name="engine">The engine, from <see cref="Engine"/>.</param>
    /// <param name="site">How descriptions name the database, for example "TFE PostgreSQL".</param>
    public static ParameterGroup TlsParameters(Construct scope, IInstanceEngine engine, string site) => new(scope, "DatabaseParameters", new ParameterGroupProps
    {
        Engine = engine,
        Description = $"{site}: TLS required in transit",
        Parameters = new Dictionary<string, string> { ["rds.force_ssl"] = "1" },
    });
}
