namespace Tariff.Studio.Api;

/// <summary>
/// The body of <c>POST /api/v1/billing-runs</c>: bill every period ended by <c>AsOf</c> (now by default) for the
/// selected consumers and plans (everyone by default); a dry run stores nothing and shows the invoices it would make.
/// </summary>
public sealed record BillingRunRequestBody(DateTimeOffset? AsOf, IReadOnlyList<Guid>? ConsumerIds, IReadOnlyList<Guid>? PlanIds, bool DryRun = false);

/// <summary>The body of <c>PUT /api/v1/tax-rates/{code}</c>: the rate in percent, and whether it applies to consumers without their own.</summary>
public sealed record TaxRateRequest(string? Name, decimal? Percent, bool IsDefault = false);

/// <summary>The body of <c>PUT /api/v1/consumers/{id}/tax-rate</c>: a rate's code, or null for the tenant's default.</summary>
public sealed record ConsumerTaxRateRequest(string? Code);

/// <summary>The body of <c>POST /api/v1/invoices/{id}/credit-notes</c>: the amount credited (positive) and why.</summary>
public sealed record CreditNoteRequest(decimal? Amount, string? Reason);

/// <summary>The body of <c>POST /api/v1/schedules</c>: the schedule's code and its first draft text.</summary>
public sealed record ScheduleRequest(string? Code, string? Text);

/// <summary>A schedule's draft and what the checker says of it.</summary>
public sealed record ScheduleDraftResponse(Tariff.Platform.Scheduling.Schedule Schedule, IReadOnlyList<DiagnosticResponse> Diagnostics);

/// <summary>A schedule and the next instant it fires (null while paused or unpublished).</summary>
public sealed record ScheduleResponse(Tariff.Platform.Scheduling.Schedule Schedule, DateTimeOffset? NextFireAt);
