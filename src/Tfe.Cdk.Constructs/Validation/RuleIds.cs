namespace Tfe.Cdk.Constructs;

/// <summary>
/// The reference architecture's rule ids (listed in <c>docs/rules.md</c>) that the library names in its errors and
/// warnings; rules enforced only by type or default need no constant (docs/rules.md's table lists them all).
/// </summary>
internal static class RuleIds
{
    public const string Mode1 = "MODE-1";
    public const string Mode2 = "MODE-2";
    public const string Mode3 = "MODE-3";
    public const string Mode5 = "MODE-5";
    public const string Comp1 = "COMP-1";
    public const string Comp2 = "COMP-2";
    public const string Comp3 = "COMP-3";
    public const string Comp4 = "COMP-4";
    public const string Db1 = "DB-1";
    public const string Db2 = "DB-2";
    public const string Db3 = "DB-3";
    public const string Db4 = "DB-4";
    public const string S32 = "S3-2";
    public const string S33 = "S3-3";
    public const string S35 = "S3-5";
    public const string Net1 = "NET-1";
    public const string Net2 = "NET-2";
    public const string Net3 = "NET-3";
    public const string Tls1 = "TLS-1";
    public const string Tls2 = "TLS-2";
    public const string Tls4 = "TLS-4";
    public const string Tls5 = "TLS-5";
    public const string Tls6 = "TLS-6";
    public const string Ops2 = "OPS-2";
    public const string Ops3 = "OPS-3";
    public const string Dr1 = "DR-1";
    public const string Redis1 = "REDIS-1";
    public const string Dr2 = "DR-2";
    public const string Dr3 = "DR-3";
    public const string Dr4 = "DR-4";
    public const string Dr5 = "DR-5";
    public const string Dr6 = "DR-6";
    public const string Redis3 = "REDIS-3";
    public const string Redis5 = "REDIS-5";
    public const string Redis6 = "REDIS-6";
    public const string Redis7 = "REDIS-7";
    public const string Redis8 = "REDIS-8";
}
