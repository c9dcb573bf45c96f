namespace Tariff.Studio.Authentication;

/// <summary>Claims Tariff adds beyond the standard name, identifier and role claims.</summary>
public static class TariffClaimTypes
{
    /// <summary>The tenant id that scopes every query the caller makes.</summary>
    public const string TenantId = "tariff:tenant";

    /// <summary>The tenant's slug, for display.</summary>
    public const string TenantSlug = "tariff:tenant-slug";

    /// <summary><c>user</c> or <c>api-key</c>.</summary>
    public const string SubjectKind = "tariff:kind";

    /// <summary>An API key's scope (<c>api</c>, <c>ingest</c>); people have none.</summary>
    public const string Scope = "tariff:scope";

    /// <summary>A portal login's consumer: the only consumer whose data it may see.</summary>
    public const string ConsumerId = "tariff:consumer";
}
