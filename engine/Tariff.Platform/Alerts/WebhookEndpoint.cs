namespace Tariff.Platform.Alerts;

/// <summary>Where a tenant's alerts are posted. The signing secret is shown once, when the endpoint is created.</summary>
public sealed record WebhookEndpoint(Guid Id, string Url, string Description, bool Enabled, DateTimeOffset CreatedAt);
