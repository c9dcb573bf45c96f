using Tariff.Platform.Alerts;
using Tariff.Platform.Catalog;
using Tariff.Platform.Ingest;

namespace Tariff.Studio.Analytics;

/// <summary>What the dashboard shows, gathered once per page view.</summary>
/// <remarks>
/// <c>Revenue</c>: billed per month (of the period's start) and currency, finalized and paid invoices and debit notes less credit notes, last twelve months.<br/>
/// <c>UsagePerDay</c>: events per day over the last 30 days.<br/>
/// <c>TopConsumers</c>: the consumers with the most events over the last 30 days.<br/>
/// <c>IngestMinutes</c>: the last hour of ingest, minute by minute (minutes without requests left out).<br/>
/// <c>UnmappedIdentities</c>: gateway identities with usage in the last 30 days that no consumer owns.
/// </remarks>
public sealed record DashboardView(
    IReadOnlyList<(DateTimeOffset Month, string Currency, decimal Amount)> Revenue,
    IReadOnlyList<(DateTimeOffset Day, long Events)> UsagePerDay,
    IReadOnlyList<(Consumer Consumer, long Events)> TopConsumers,
    IReadOnlyList<Alert> OpenAlerts,
    IReadOnlyList<IngestMinute> IngestMinutes,
    int UnmappedIdentities,
    DateTimeOffset Now);
