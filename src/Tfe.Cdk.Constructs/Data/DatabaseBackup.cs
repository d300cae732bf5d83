using Amazon.CDK;
using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.RDS;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// An AWS Backup plan for the TFE database (DB-3, DR-1): a daily backup into a vault encrypted with the data tier's
/// key, kept as long as the automated backups, and optionally copied to a vault in another region (DR-3, cold standby).
/// </summary>
internal static class DatabaseBackup
{
    /// <summary>The plan (which selects the database) and its vault.</summary>
    internal sealed record Result(BackupPlan Plan, BackupVault Vault);

    public static Result Define(Construct scope, DatabaseInstance database, IKey key, RemovalPolicy stateRemoval, Duration retention, IBackupVault? copyTo)
    {
        var vault = new BackupVault(scope, "BackupVault", new BackupVaultProps
        {
            EncryptionKey = key,
            RemovalPolicy = stateRemoval,
        });
        var plan = new BackupPlan(scope, "BackupPlan", new BackupPlanProps
        {
            BackupVault = vault,
            BackupPlanRules =
            [
                new BackupPlanRule(new BackupPlanRuleProps
                {
                    RuleName = "DailyDatabase",
                    ScheduleExpression = Schedule.Cron(new CronOptions { Hour = Defaults.DatabaseBackupPlanHourUtc, Minute = "0" }),
                    StartWindow = Duration.Hours(1),
                    CompletionWindow = Duration.Hours(Defaults.DatabaseBackupPlanCompletionHours),
                    DeleteAfter = retention,
                    CopyActions = copyTo is null
                        ? null
                        : [new BackupPlanCopyActionProps { DestinationBackupVault = copyTo, DeleteAfter = retention }],
                }),
            ],
        });
        var selection = plan.AddSelection("Database", new BackupSelectionOptions
        {
            Resources = [BackupResource.FromRdsDatabaseInstance(database)],
        });
        if (selection.Node.TryFindChild("Role") is { } role)
        {
            NagSuppressions.Add(role, false, new NagSuppressions.Suppression(
                "AwsSolutions-IAM4",
                "AWS Backup's own managed policy for backup jobs (AWSBackupServiceRolePolicyForBackup), maintained by AWS for exactly this role.",
                ["Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"]));
        }

        return new Result(plan, vault);
    }
}
