namespace Tariff.Studio.Authentication;

/// <summary>The authentication schemes: people sign in with a cookie, programs send an API key as a bearer token.</summary>
public static class AuthenticationSchemes
{
    /// <summary>Chooses <see cref="ApiKey"/> when a bearer token is sent, else <see cref="Cookie"/>.</summary>
    public const string Smart = "tariff";

    /// <summary>The studio's sign-in cookie.</summary>
    public const string Cookie = "tariff-cookie";

    /// <summary><c>Authorization: Bearer &lt;key&gt;</c> with a tenant API key.</summary>
    public const string ApiKey = "tariff-api-key";
}
