namespace Tariff.Platform.Catalog;

/// <summary>Who wrote a plan's or schedule's draft last, and so what origin its publication records.</summary>
public static class DraftOrigins
{
    /// <summary>A person, in the editor or through the API.</summary>
    public const string Typed = "typed";

    /// <summary>The assistant, when an admin applied one of its proposals.</summary>
    public const string Assistant = "assistant";

    public static string Require(string origin) =>
        origin is Typed or Assistant ? origin : throw new ArgumentOutOfRangeException(nameof(origin), origin, "A draft is typed or written by the assistant.");

    /// <summary>
    /// The origin a publication records: the publisher's claim, unless the assistant wrote the draft being published,
    /// which is never hidden as typed.
    /// </summary>
    public static string Published(string claimed, string draftOrigin) => draftOrigin == Assistant ? Assistant : claimed;
}
