namespace Tariff.Platform.Wallets;

/// <summary>A consumer's prepaid credit in one currency, with its warning and recharge settings.</summary>
public sealed record Wallet(Guid Id, Guid ConsumerId, string Currency, WalletSettings Settings, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
