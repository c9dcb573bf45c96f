using System.Security.Cryptography;
using System.Text;

namespace Tariff.Platform.Accounts;

/// <summary>
/// Makes and hashes API keys. A key is <c>trf_</c> followed by 32 random bytes in base64url; it is stored only as
/// its SHA-256 hash (a key has enough entropy that a slow password hash adds nothing) and a visible prefix.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>What every generated key starts with, so that secret scanners and people recognise one.</summary>
    public const string Marker = "trf_";

    /// <summary>How many leading characters of a key are kept in clear to tell keys apart.</summary>
    public const int PrefixLength = 12;

    /// <summary>Keys shorter than this are refused, including a bootstrap key given in configuration.</summary>
    public const int MinimumLength = 24;

    /// <summary>A new random key.</summary>
    public static string Generate() => Marker + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The visible part of a key.</summary>
    public static string PrefixOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= PrefixLength ? key : key[..PrefixLength];
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
