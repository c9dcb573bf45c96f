namespace Tariff.Studio.Authentication;

/// <summary>Authorization policies, by who may reach what.</summary>
public static class Policies
{
    /// <summary>Admins, analysts and operators: the studio. Consumers have the portal instead.</summary>
    public const string Studio = "studio";

    /// <summary>Admins only: users, keys and tenant settings.</summary>
    public const string Admin = "admin";
}
