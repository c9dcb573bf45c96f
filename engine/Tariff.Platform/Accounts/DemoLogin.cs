namespace Tariff.Platform.Accounts;

/// <summary>The demo administrator's login, as far as it can be told.</summary>
/// <param name="Email">The login.</param>
/// <param name="Password">The password when it was just set (created or reset from configuration), else null.</param>
/// <param name="Created">True when this start created the demo tenant.</param>
public sealed record DemoLogin(string Email, string? Password, bool Created);
