using System.Runtime.CompilerServices;
using Amazon.CDK.AWS.Route53;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>The topologies' own input checks (issue #9): the hosted zone, the failover role, and one hostname per zone.</summary>
internal static class TfeTopologyInputs
{
    /// <summary>The hostnames claimed in each zone, per app (the construct tree's root), with the claiming construct's path and failover role.</summary>
    /// <remarks>
    /// A registry keyed by a CDK object (docs/design-notes.md, "House rules"), on purpose: the check compares deployments
    /// that do not know of each other (two topologies in any stacks of one app), so the claims belong to the app, an
    /// object the library does not own and cannot give a field; walking the app's tree for the other deployments at every
    /// construction would cost a jsii round trip per construct. Weak, so an app and its claims are collected together.
    /// Written only by <see cref="Claim"/> (once a deployment is defined), read only by <see cref="Check"/>.
    /// </remarks>
    private static readonly ConditionalWeakTable<object, Dictionary<string, (string Path, TfeDnsFailover? Role)>> Claims = new();

    /// <summary>The checks that need the props' objects.</summary>
    public static RuleCheck Check(TfeDeploymentPropsBase props, IConstruct scope)
    {
        var check = new RuleCheck();
        Inputs.RefuseUndefined(check, RuleIds.Net3, "DnsFailover", props.DnsFailover);
        if (props.HostedZone is not { } zone)
        {
            return check;
        }

        var name = ZoneName(zone);
        check.FailIf(Inputs.IsBlank(name), RuleIds.Net2, "HostedZone", name is null ? RuleCheck.Describe("a zone without a name") : name,
            "has no zone name, so the hostname's record cannot be placed in it (HostedZone.FromHostedZoneId gives no name)",
            "Import the zone with HostedZone.FromHostedZoneAttributes(..., new HostedZoneAttributes { HostedZoneId = ..., ZoneName = ... })");
        if (RuleCheck.IsToken(name))
        {
            Inputs.WarnToken(check, RuleIds.Net2, "HostedZone.ZoneName", "that the hostname is inside the zone");
        }

        if (Key(zone, props.Hostname) is { } key && Existing(scope, key) is { } other
            && !(other.Role is { } a && props.DnsFailover is { } b && a != b))
        {
            check.FailIf(true, RuleIds.Net2, "Hostname", props.Hostname,
                $"is already given a record in this HostedZone by {other.Path}: two deployments cannot answer for one name",
                "Use another hostname, or make the two a failover pair (DnsFailover = Primary on one, Secondary on the other)");
        }

        return check;
    }

    /// <summary>The zone's name, or null when the zone has none (reading it would throw, as for <c>HostedZone.FromHostedZoneId</c>).</summary>
    public static string? ZoneName(IHostedZone zone) =>
        CdkCalls.TryRead(() => zone.ZoneName, out var name, out _) ? name : null;

    /// <summary>Records that <paramref name="scope"/> answers for the hostname in its zone.</summary>
    public static void Claim(IConstruct scope, TfeDeploymentPropsBase props)
    {
        if (props.HostedZone is { } zone && Key(zone, props.Hostname) is { } key)
        {
            Claims.GetOrCreateValue(scope.Node.Root)[key] = (scope.Node.Path, props.DnsFailover);
        }
    }

    private static (string Path, TfeDnsFailover? Role)? Existing(IConstruct scope, string key) =>
        Claims.TryGetValue(scope.Node.Root, out var claims) && claims.TryGetValue(key, out var claim) ? claim : null;

    /// <summary>The zone (its literal id, else its construct) and the hostname, normalised; null when the hostname is unknown.</summary>
    private static string? Key(IHostedZone zone, string? hostname)
    {
        if (Inputs.IsBlank(hostname) || RuleCheck.IsToken(hostname))
        {
            return null;
        }

        var id = zone.HostedZoneId;
        var zoneKey = RuleCheck.IsToken(id) ? "construct:" + zone.Node.Addr : "id:" + id;
        return zoneKey + "|" + hostname!.Trim().TrimEnd('.').ToLowerInvariant();
    }
}
