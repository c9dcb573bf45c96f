using System.Text.RegularExpressions;

namespace Tariff.Platform.Usage;

/// <summary>Which usage store to use (configuration section <c>Tariff:Usage</c>).</summary>
public sealed partial class UsageStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tariff:Usage";

    /// <summary><c>postgres</c> (the default) or <c>clickhouse</c>.</summary>
    public string Store { get; set; } = "postgres";

    /// <summary>ClickHouse's HTTP address (<c>ConnectionStrings:ClickHouse</c> overrides it).</summary>
    public Uri ClickHouseUrl { get; set; } = new("http://127.0.0.1:58123/");

    /// <summary>The ClickHouse database holding the events.</summary>
    public string ClickHouseDatabase { get; set; } = "tariff";

    /// <summary>Checks the settings; the database name reaches SQL, so it must be a plain identifier.</summary>
    public void Validate()
    {
        if (Store is not ("postgres" or "clickhouse"))
        {
            throw new InvalidOperationException($"Tariff:Usage:Store must be 'postgres' or 'clickhouse', not '{Store}'.");
        }

        if (!Identifier().IsMatch(ClickHouseDatabase))
        {
            throw new InvalidOperationException($"Tariff:Usage:ClickHouseDatabase must be letters, digits and underscores, not '{ClickHouseDatabase}'.");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
