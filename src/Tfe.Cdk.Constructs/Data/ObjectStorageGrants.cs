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
            .Combine(key.Grant(grantee, "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"));

    public static Grant Read(IGrantable grantee, IBucket bucket, IKey key) =>
        Objects(grantee, bucket, ["s3:GetObject"]).Combine(key.Grant(grantee, "kms:Decrypt"));

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
