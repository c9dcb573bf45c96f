using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Tariff.Platform.Database;

/// <summary>
/// Stores ASP.NET Core's data-protection keys in <c>data_protection_keys</c>, so that all instances share one key
/// ring. The framework calls this interface synchronously, hence the synchronous database calls.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var command = dataSource.CreateCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES ($1, $2, $3) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        command.ExecuteNonQuery();
    }
}
