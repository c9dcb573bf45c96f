namespace Tariff.Platform.Catalog;

/// <summary>
/// A recorded move of a subscription to another version of its plan: <c>FromSubscription</c> ended at
/// <c>EffectiveAt</c> and <c>ToSubscription</c>, on <c>ToVersion</c>, started there.
/// </summary>
public sealed record SubscriptionMigration(
    Guid Id, Guid FromSubscription, Guid ToSubscription, Guid PlanId, int FromVersion, int ToVersion, DateTimeOffset EffectiveAt,
    DateTimeOffset MigratedAt, string MigratedBy);
