using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// The exact S3 and KMS actions TFE's object storage needs, rather than <c>GrantReadWrite</c>'s wildcards
/// (<c>s3:GetObject*</c>, <c>kms:ReEncrypt*</c>): shared by <see cref="TfeDataTier"/> and an imported data tier.
/// </summary>
internal static class ObjectStorageGrants
{
    public static Grant ReadWrite(IGrantable grantee, IBucket bucket, IKey key) =>
        Objects(grantee, bucket, ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"])
            .Combine(ThroughS3(grantee, bucket, key, ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]));

    public static Grant Read(IGrantable grantee, IBucket bucket, IKey key) =>
        Objects(grantee, bucket, ["s3:GetObject"]).Combine(ThroughS3(grantee, bucket, key, ["kms:Decrypt"]));

    /// <summary>
    /// The key, only through S3 of the bucket's region (<c>kms:ViaService</c>): the object grant needs no more, and a
    /// principal holding it cannot decrypt a ciphertext of the key's other uses directly.
    /// </summary>
    private static Grant ThroughS3(IGrantable grantee, IBucket bucket, IKey key, string[] actions) => Grant.AddToPrincipal(new GrantOnPrincipalOptions
    {
        Grantee = grantee,
        Actions = actions,
        ResourceArns = [key.KeyArn],
        Conditions = new Dictionary<string, IDictionary<string, object>>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = ViaS3(Amazon.CDK.Stack.Of(bucket)) },
        },
    });

    /// <summary>S3's endpoint in the bucket's region, on the partition's URL suffix (GovCloud, China).</summary>
    private static string ViaS3(Amazon.CDK.Stack stack) => $"s3.{stack.Region}.{stack.UrlSuffix}";

    private static Grant Objects(IGrantable grantee, IBucket bucket, string[] objectActions)
    {
        var listing = Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = ["s3:ListBucket", "s3:GetBucketLocation"],
            ResourceArns = [bucket.BucketArn],
        });
        var objects = Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = objectActions,
            ResourceArns = [bucket.ArnForObjects("*")],
        });
        return listing.Combine(objects);
    }
}
