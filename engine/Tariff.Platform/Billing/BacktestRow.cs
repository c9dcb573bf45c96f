using Tariff.Engine.Evaluation;

namespace Tariff.Platform.Billing;

/// <summary>One subscription's last closed period rated by the published version and by the draft (before tax).</summary>
/// <remarks><c>Change</c>: draft less published; <c>ChangePercent</c>: of the published amount, null when that is zero.</remarks>
public sealed record BacktestRow(
    Guid SubscriptionId, Guid ConsumerId, string ConsumerCode, string ConsumerName, int SubscribedVersion, UsagePeriod Period, int Events, decimal Published,
    decimal Draft, decimal Change, decimal? ChangePercent);
