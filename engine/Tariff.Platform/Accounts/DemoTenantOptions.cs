namespace Tariff.Platform.Accounts;

/// <summary>What the first start creates so that a new installation can be tried at once.</summary>
public sealed class DemoTenantOptions
{
    /// <summary>The demo tenant's slug.</summary>
    public const string TenantSlug = "demo";

    /// <summary>The demo administrator's login.</summary>
    public const string AdminEmail = "admin@demo.test";

    /// <summary>
    /// <c>TARIFF_DEMO_ADMIN_PASSWORD</c>: the demo admin's password. When empty, a random one is generated at first
    /// start and printed once. When set, the admin's password is made to match it on every start.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary><c>TARIFF_BOOTSTRAP_API_KEY</c>: when set, an admin API key with exactly this value is ensured.</summary>
    public string? BootstrapApiKey { get; set; }
}
