namespace Tariff.Studio.Authentication;

/// <summary>Authorization policies, by who may reach what.</summary>
public static class Policies
{
    /// <summary>Admins, analysts and operators: the studio. Consumers have the portal instead.</summary>
    public const string Studio = "studio";

    /// <summary>Admins only: users, keys and tenant settings.</summary>
    public const string Admin = "admin";

    /// <summary>Changing pricing: plans and products (admins and analysts).</summary>
    public const string Pricing = "pricing";

    /// <summary>Operating billing: consumers, identities and subscriptions (admins and operators).</summary>
    public const string Operations = "operations";

    /// <summary>The REST API: any signed-in person, or an API key with the <c>api</c> scope.</summary>
    public const string Api = "api";

    /// <summary>Sending usage: an API key with the <c>ingest</c> scope, or an admin or operator signed in.</summary>
    public const string Ingest = "ingest";

    /// <summary>The consumer portal: a person with the consumer role, bound to one consumer.</summary>
    public const string Portal = "portal";

    /// <summary>What a gateway calls (entitlement checks): an API key with the <c>ingest</c> or <c>api</c> scope, or anyone signed in to the studio.</summary>
    public const string Gateway = "gateway";
}
