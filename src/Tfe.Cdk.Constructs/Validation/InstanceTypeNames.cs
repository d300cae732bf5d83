using System.Text.RegularExpressions;

namespace Tfe.Cdk.Constructs;

/// <summary>Which service an instance type name is for: EC2 (a node), RDS (written without <c>db.</c>) or ElastiCache (<c>cache.*</c>).</summary>
internal enum InstanceTypeKind
{
    Ec2,
    Rds,
    Cache,
}

/// <summary>
/// Whether an instance type name is one AWS offers, read from the name alone: lower case, no whitespace, a known family
/// and a known size. AWS's lists (EC2 instance types, RDS DB instance classes, ElastiCache node types) as of 2025; a
/// family AWS adds later is refused until it is added here.
/// </summary>
internal static partial class InstanceTypeNames
{
    private static readonly HashSet<string> Ec2Families = new(StringComparer.Ordinal)
    {
        "a1", "c1", "c3", "c4", "c5", "c5a", "c5ad", "c5d", "c5n", "c6a", "c6g", "c6gd", "c6gn", "c6i", "c6id", "c6in",
        "c7a", "c7g", "c7gd", "c7gn", "c7i", "c7i-flex", "c8g", "d2", "d3", "d3en", "dl1", "f1", "f2", "g3", "g4ad", "g4dn",
        "g5", "g5g", "g6", "g6e", "gr6", "h1", "hpc6a", "hpc6id", "hpc7a", "hpc7g", "i2", "i3", "i3en", "i4g", "i4i", "i7ie",
        "i8g", "im4gn", "inf1", "inf2", "is4gen", "m1", "m2", "m3", "m4", "m5", "m5a", "m5ad", "m5d", "m5dn", "m5n", "m5zn",
        "m6a", "m6g", "m6gd", "m6i", "m6id", "m6idn", "m6in", "m7a", "m7g", "m7gd", "m7i", "m7i-flex", "m8g", "mac1", "mac2",
        "p2", "p3", "p3dn", "p4d", "p4de", "p5", "p5e", "r3", "r4", "r5", "r5a", "r5ad", "r5b", "r5d", "r5dn", "r5n", "r6a",
        "r6g", "r6gd", "r6i", "r6id", "r6idn", "r6in", "r7a", "r7g", "r7gd", "r7i", "r7iz", "r8g", "t1", "t2", "t3", "t3a",
        "t4g", "trn1", "trn1n", "vt1", "x1", "x1e", "x2gd", "x2idn", "x2iedn", "x2iezn", "x8g", "z1d",
    };

    private static readonly HashSet<string> RdsFamilies = new(StringComparer.Ordinal)
    {
        "m3", "m4", "m5", "m5d", "m6g", "m6gd", "m6i", "m6id", "m6idn", "m6in", "m7g", "m7i", "m8g", "r3", "r4", "r5",
        "r5b", "r5d", "r6g", "r6gd", "r6i", "r6id", "r6idn", "r6in", "r7g", "r7i", "r8g", "t2", "t3", "t4g", "x1", "x1e",
        "x2g", "x2idn", "x2iedn", "x2iezn", "z1d", "c6gd",
    };

    private static readonly HashSet<string> CacheFamilies = new(StringComparer.Ordinal)
    {
        "c1", "c7gn", "m1", "m2", "m3", "m4", "m5", "m6g", "m7g", "r3", "r4", "r5", "r6g", "r6gd", "r7g", "t1", "t2", "t3", "t4g",
    };

    private static readonly HashSet<string> Multiples = new(StringComparer.Ordinal)
    {
        "2", "3", "4", "6", "8", "9", "10", "12", "16", "18", "24", "32", "48", "56", "96", "112",
    };

    /// <summary>What is wrong with <paramref name="name"/> as a <paramref name="kind"/> type, as (problem, fix); null when it is a valid name.</summary>
    public static (string Problem, string Fix)? Problem(string name, InstanceTypeKind kind, string example)
    {
        if (name.Length != name.Trim().Length || name.Any(char.IsWhiteSpace))
        {
            return ("contains whitespace", $"Write the type name alone, such as {example}");
        }

        if (name.Any(char.IsUpper))
        {
            return ("is not in lower case: AWS type names are lower case", $"Write {name.ToLowerInvariant()}");
        }

        var body = name;
        switch (kind)
        {
            case InstanceTypeKind.Rds when name.StartsWith("db.", StringComparison.Ordinal):
                return ($"starts with db., which RDS adds itself: the template would name {"db." + name}",
                    $"Write the EC2 form without the prefix, such as {name["db.".Length..]}");
            case InstanceTypeKind.Cache when !name.StartsWith("cache.", StringComparison.Ordinal):
                return ("is not a cache node type of the form cache.<family>.<size>", $"Use {example} or another cache.* type");
            case InstanceTypeKind.Cache:
                body = name["cache.".Length..];
                break;
            case InstanceTypeKind.Ec2 when name.StartsWith("db.", StringComparison.Ordinal) || name.StartsWith("cache.", StringComparison.Ordinal):
                return ("has a db. or cache. prefix, but is an EC2 instance type", $"Write the EC2 name, such as {example}");
        }

        var parts = body.Split('.');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return ("is not an instance type name of the form <family>.<size>", $"Use a name such as {example}");
        }

        var families = kind switch
        {
            InstanceTypeKind.Rds => RdsFamilies,
            InstanceTypeKind.Cache => CacheFamilies,
            _ => Ec2Families,
        };
        if (!families.Contains(parts[0]))
        {
            var service = kind switch { InstanceTypeKind.Rds => "RDS for PostgreSQL", InstanceTypeKind.Cache => "ElastiCache", _ => "EC2" };
            return ($"names a family ({parts[0]}) that {service} does not offer", $"Use a name such as {example}");
        }

        var size = parts[1];
        var knownSize = size is "nano" or "micro" or "small" or "medium" or "large" or "xlarge" or "metal"
            || (size.EndsWith("xlarge", StringComparison.Ordinal) && Multiples.Contains(size[..^"xlarge".Length]))
            || MetalSize().IsMatch(size);
        return knownSize ? null : ($"names a size ({size}) that does not exist", $"Use a size such as large, xlarge or 2xlarge, as in {example}");
    }

    [GeneratedRegex(@"^metal-\d+xl$", RegexOptions.CultureInvariant)]
    private static partial Regex MetalSize();
}
