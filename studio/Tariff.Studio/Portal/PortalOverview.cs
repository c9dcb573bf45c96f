using Tariff.Platform.Alerts;
using Tariff.Platform.Billing;
using Tariff.Platform.Catalog;
using Tariff.Platform.Metering;
using Tariff.Platform.Wallets;

namespace Tariff.Studio.Portal;

/// <summary>What a consumer's portal shows: its subscription now, usage against quotas, cost so far and projected, alerts and invoices.</summary>
/// <remarks>
/// <c>Usage</c>, <c>Version</c>, <c>SoFar</c>, <c>Projected</c>: null when no subscription is in force now.<br/>
/// <c>Invoices</c>: finalized, paid and void ones; drafts are still changing and stay with the operators.<br/>
/// <c>Wallets</c>: the consumer's prepaid credit, one per currency.
/// </remarks>
public sealed record PortalOverview(
    Consumer Consumer, CurrentUsage? Usage, PlanVersion? Version, Invoice? SoFar, Invoice? Projected, IReadOnlyList<Alert> Alerts,
    IReadOnlyList<Invoice> Invoices, IReadOnlyList<WalletBalance> Wallets);
