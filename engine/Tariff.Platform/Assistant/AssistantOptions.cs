namespace Tariff.Platform.Assistant;

/// <summary>The assistant's settings (section <c>Tariff:Assistant</c>): the model providers it may ask, and its limits.</summary>
public sealed class AssistantOptions
{
    public const string Section = "Tariff:Assistant";

    /// <summary>OpenAI-compatible endpoints, the first being the default. None configured: the assistant says so and asks nothing.</summary>
    public IList<AssistantProviderOptions> Providers { get; } = [];

    /// <summary>How many times a proposal that does not check is sent back to the model with the checker's diagnostics.</summary>
    public int MaxRepairs { get; set; } = 2;

    /// <summary>How long one model call may take before it is abandoned.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The longest plain-English request accepted, in characters.</summary>
    public int MaxRequestLength { get; set; } = 4000;

    /// <summary>How many requests one tenant may make in an hour (a sliding hour); 0 for no limit.</summary>
    public int RequestsPerHour { get; set; } = 60;

    /// <summary>
    /// How many tokens (input and output, as the providers report them) one tenant's requests may use in a UTC day;
    /// 0 for no limit. A request that would start past it is refused; the one that crosses it still completes.
    /// </summary>
    public long TokensPerDay { get; set; } = 2_000_000;

    /// <summary>The provider named <paramref name="name"/> (any case), or the first when no name is given; null when there is none.</summary>
    public AssistantProviderOptions? Find(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? Providers.FirstOrDefault()
            : Providers.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws on settings that could never work, so that a misconfigured studio fails at start, not at the first question.</summary>
    public void Validate()
    {
        foreach (var provider in Providers)
        {
            provider.Validate();
        }

        var duplicate = Providers.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{Section}:Providers names '{duplicate.Key}' more than once.");
        }

        if (RequestsPerHour < 0 || TokensPerDay < 0)
        {
            throw new InvalidOperationException($"{Section}:RequestsPerHour and {Section}:TokensPerDay must be 0 (no limit) or more.");
        }

        if (MaxRepairs is < 0 or > 5)
        {
            throw new InvalidOperationException($"{Section}:MaxRepairs is {MaxRepairs}; it must be between 0 and 5.");
        }
    }
}
