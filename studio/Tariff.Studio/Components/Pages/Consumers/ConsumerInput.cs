namespace Tariff.Studio.Components.Pages.Consumers;

/// <summary>The new-consumer form; identities are typed one per line or separated by commas.</summary>
public sealed class ConsumerInput
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Identities { get; set; }

    /// <summary>The identities as a list, blanks dropped.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        [.. (text ?? "").Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
