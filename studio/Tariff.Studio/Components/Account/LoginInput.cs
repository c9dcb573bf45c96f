using System.ComponentModel.DataAnnotations;

namespace Tariff.Studio.Components.Account;

/// <summary>The login form's fields.</summary>
public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address such as name@example.com.")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = string.Empty;
}
