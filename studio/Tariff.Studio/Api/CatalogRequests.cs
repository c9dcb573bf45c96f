namespace Tariff.Studio.Api;

/// <summary>The body of <c>POST /api/v1/products</c>.</summary>
public sealed record ProductRequest(string? Code, string? Name, string? Description);

/// <summary>The body of <c>POST /api/v1/plans</c>: the plan and its first draft text.</summary>
public sealed record PlanRequest(string? Code, string? Name, Guid? ProductId, string? Text);

/// <summary>The body of <c>PUT /api/v1/plans/{id}/draft</c>.</summary>
public sealed record DraftRequest(string? Text);

/// <summary>The body of <c>POST /api/v1/plans/{id}/publish</c>: why, and whether the text came from the assistant.</summary>
public sealed record PublishRequest(string? Comment, bool Assistant = false);

/// <summary>The body of <c>POST /api/v1/consumers</c>.</summary>
public sealed record ConsumerRequest(string? Code, string? Name, string? Email, IReadOnlyList<string>? Identities);

/// <summary>The body of <c>POST /api/v1/consumers/{id}/users</c>: a portal login for the consumer.</summary>
public sealed record PortalUserRequest(string? Email, string? DisplayName, string? Password);

/// <summary>A portal login as created (never its password).</summary>
public sealed record PortalUserResponse(Guid Id, Guid ConsumerId, string Email, string DisplayName);

/// <summary>The body of <c>POST /api/v1/consumers/{id}/identities</c>.</summary>
public sealed record IdentitiesRequest(IReadOnlyList<string>? Identities);

/// <summary>The body of <c>POST /api/v1/subscriptions</c>; without a version, the plan's latest.</summary>
public sealed record SubscriptionRequest(Guid? ConsumerId, Guid? PlanId, int? Version, DateTimeOffset? StartsAt, DateTimeOffset? BillingAnchor, string? TimeZone);

/// <summary>The body of <c>POST /api/v1/subscriptions/{id}/cancel</c>; without an end, now.</summary>
public sealed record CancelRequest(DateTimeOffset? EndsAt);

/// <summary>The body of the <c>migrate</c> calls: the version to move to (the latest by default) and from when (now by default).</summary>
public sealed record MigrateRequest(int? Version, DateTimeOffset? EffectiveAt);

/// <summary>A draft and what the checker says of it (errors do not stop a draft from being saved, only published).</summary>
public sealed record DraftResponse(Tariff.Platform.Catalog.Plan Plan, IReadOnlyList<DiagnosticResponse> Diagnostics);
