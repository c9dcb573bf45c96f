namespace Tariff.Platform.Accounts;

/// <summary>What an API key may do besides holding its role. The names match the check on <c>api_keys.scopes</c>.</summary>
public static class ApiKeyScopes
{
    /// <summary>Call the REST API as the key's role.</summary>
    public const string Api = "api";

    /// <summary>Send usage events (gateways, collectors, the load generator).</summary>
    public const string Ingest = "ingest";

    /// <summary>Every scope.</summary>
    public static IReadOnlyList<string> All { get; } = [Api, Ingest];
}
