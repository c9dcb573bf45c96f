namespace Tariff.Platform.Billing;

/// <summary>What a billing run bills: every period ended by <c>AsOf</c>, for the selected consumers and plans (none selected: all).</summary>
/// <remarks><c>Trigger</c>: <c>manual</c> or <c>schedule</c>. A dry run stores no invoice and shows what it would produce.</remarks>
public sealed record BillingRunRequest(
    DateTimeOffset AsOf, IReadOnlyList<Guid> ConsumerIds, IReadOnlyList<Guid> PlanIds, bool DryRun, string Trigger, string RequestedBy);
