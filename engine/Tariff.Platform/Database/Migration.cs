using System.Security.Cryptography;
using System.Text;

namespace Tariff.Platform.Database;

/// <summary>One hand-written, versioned schema script (<c>NNNN_name.sql</c>, embedded in this assembly).</summary>
/// <param name="Version">The number the file name starts with; scripts run in this order.</param>
/// <param name="Name">The rest of the file name, for the record.</param>
/// <param name="Sql">The script.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script, recorded when applied so that a later edit of an applied script is caught.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}
