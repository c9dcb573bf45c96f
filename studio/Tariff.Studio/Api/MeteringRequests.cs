namespace Tariff.Studio.Api;

/// <summary>The body of <c>POST /api/v1/entitlements/check</c>: a consumer (gateway identity, code or id), a meter and a quantity (default 1).</summary>
public sealed record EntitlementRequest(string? Consumer, string? Meter, decimal? Quantity);

/// <summary>The body of <c>POST /api/v1/webhooks</c>.</summary>
public sealed record WebhookRequest(string? Url, string? Description);

/// <summary>A webhook endpoint just created, with its signing secret: the only time the secret is shown.</summary>
public sealed record WebhookCreatedResponse(Guid Id, string Url, string Description, bool Enabled, DateTimeOffset CreatedAt, string Secret);
