namespace Tariff.Platform.Wallets;

/// <summary>Credit to add by hand: a <c>top_up</c> or a <c>grant</c>, its amount, priority (default 100), optional expiry and reference.</summary>
public sealed record WalletCreditRequest(string? Kind, decimal? Amount, int? Priority = null, DateTimeOffset? ExpiresAt = null, string? Reference = null);
