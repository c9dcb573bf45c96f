namespace Tariff.Platform.Accounts;

/// <summary>A newly created API key. <see cref="Key"/> is the only time the key exists outside its holder.</summary>
/// <param name="Id">The key's id.</param>
/// <param name="Key">The key; show it once, then forget it.</param>
/// <param name="Prefix">The visible prefix stored with the hash.</param>
public sealed record CreatedApiKey(Guid Id, string Key, string Prefix);
