namespace Tariff.Platform.Accounts;

/// <summary>The roles a user or API key can hold. The names match the <c>roles</c> table.</summary>
public static class Roles
{
    /// <summary>Manages the tenant: users, keys, plans, billing and settings.</summary>
    public const string Admin = "admin";

    /// <summary>Writes, tests and publishes pricing; reads usage and analytics.</summary>
    public const string Analyst = "analyst";

    /// <summary>Runs and inspects billing; manages invoices, wallets and alerts.</summary>
    public const string Operator = "operator";

    /// <summary>A user of one API consumer: sees only that consumer's portal.</summary>
    public const string Consumer = "consumer";

    /// <summary>Every role, in the order screens list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Analyst, Operator, Consumer];

    /// <summary>The roles that may use the studio (everyone but consumers, who have the portal).</summary>
    public static IReadOnlyList<string> Studio { get; } = [Admin, Analyst, Operator];
}
