namespace Tfe.Cdk.Constructs;

/// <summary>
/// Properties for <see cref="TfeStandalone"/>. There is no node count: Standalone runs exactly one node (MODE-1).
/// </summary>
public sealed record TfeStandaloneProps : TfeDeploymentPropsBase;
