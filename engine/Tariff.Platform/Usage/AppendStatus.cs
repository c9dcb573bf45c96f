namespace Tariff.Platform.Usage;

/// <summary>What a usage store did with one event.</summary>
public enum AppendStatus
{
    /// <summary>New for its tenant, source and id: stored, and committed before the store returned.</summary>
    Accepted,

    /// <summary>The tenant already has an event with this source and id: nothing changed.</summary>
    Duplicate,
}
