namespace Tariff.Platform.Billing;

/// <summary>Which invoices to list: every filter is optional; periods overlapping [From, To) match.</summary>
public sealed record InvoiceQuery(Guid? ConsumerId = null, Guid? SubscriptionId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Status = null, string? Kind = null);
