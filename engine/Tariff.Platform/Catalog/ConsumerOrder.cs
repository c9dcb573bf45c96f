namespace Tariff.Platform.Catalog;

/// <summary>How a page of consumers is sorted; every order ends on the id, so a page boundary stays put between requests.</summary>
public enum ConsumerOrder
{
    /// <summary>By code, ordinal (the tenant's own account numbers sort as they are typed).</summary>
    Code,

    /// <summary>By name, ignoring case, then code.</summary>
    Name,

    /// <summary>Newest first.</summary>
    Created,
}
