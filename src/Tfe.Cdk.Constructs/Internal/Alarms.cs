using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Tfe.Cdk.Constructs;

/// <summary>
/// CloudWatch alarms (OPS-2) in one shape for every tier: a description that says what to look at, and the
/// optional SNS topic as both alarm and OK action.
/// </summary>
internal static class Alarms
{
    /// <summary>Defines an alarm on <paramref name="metric"/> and wires it to <paramref name="topic"/> when given.</summary>
    public static Alarm Create(
        Construct scope,
        string id,
        IMetric metric,
        double threshold,
        ComparisonOperator comparison,
        string description,
        ITopic? topic,
        int evaluationPeriods = 3,
        TreatMissingData treatMissingData = TreatMissingData.MISSING)
    {
        var alarm = new Alarm(scope, id, new AlarmProps
        {
            Metric = metric,
            Threshold = threshold,
            ComparisonOperator = comparison,
            EvaluationPeriods = evaluationPeriods,
            AlarmDescription = description,
            TreatMissingData = treatMissingData,
        });
        if (topic is not null)
        {
            var action = ActionFor(topic);
            alarm.AddAlarmAction(action);
            alarm.AddOkAction(action);
        }

        return alarm;
    }

    /// <summary>
    /// One <see cref="SnsAction"/> per topic, shared by every alarm that notifies it: the action only hands the topic's
    /// ARN to each alarm it is added to and keeps no state, and each new one is a jsii round trip (a deployment has
    /// 12 to 35 alarms). A cache of immutable values keyed by the topic proxy (jsii returns the same proxy for the same
    /// topic), not a registry: nothing reads it but this method.
    /// </summary>
    private static SnsAction ActionFor(ITopic topic) => Actions.GetValue(topic, t => new SnsAction(t));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ITopic, SnsAction> Actions = new();
}
