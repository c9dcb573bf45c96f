using System.Globalization;
using System.Text;
using Tariff.Engine.Diagnostics;

namespace Tariff.Platform.Assistant;

/// <summary>
/// What the model is told: the pricing language's reference (docs/language.md, embedded, so that the model learns the
/// same language people read about), how to answer, and each turn's request with the draft it starts from. Only
/// the tenant's own draft and catalog codes are sent.
/// </summary>
public static class AssistantPrompt
{
    private static readonly Lazy<string> Reference = new(() =>
    {
        using var stream = typeof(AssistantPrompt).Assembly.GetManifestResourceStream("Tariff.Assistant.language.md")
            ?? throw new InvalidOperationException("The language reference is not embedded in Tariff.Platform.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The system message for writing a <paramref name="kind"/>; <paramref name="catalog"/> lists the codes a schedule or query may name.</summary>
    public static string System(string kind, string catalog)
    {
        var task = kind switch
        {
            AssistantKinds.Plan =>
                "You write pricing plans: one document with the meters it needs and exactly one plan block. Give the plan examples that show what typical usage costs.",
            AssistantKinds.Query =>
                "You write saved usage queries: one document with the meters it shows and exactly one query block, no plan and no schedule. Name only consumer codes that exist:\n" + catalog,
            _ => "You write billing schedules: one document with exactly one schedule block. Name only plan and consumer codes that exist:\n" + catalog,
        };
        return $"""
            You are the pricing assistant of Tariff, an API monetization platform. {task}

            Answer with one or two sentences that say what the document does, then the whole document in exactly one fenced
            code block marked tariff. Write only constructs from the reference below; never invent keywords, fields or
            functions. When a request is ambiguous, choose the simplest reading and say which you chose. A person reviews
            and publishes what you write; the checker reports problems by line and column and you will be asked to fix them.

            # Reference

            {Reference.Value}
            """;
    }

    /// <summary>A request, with the draft it changes when there is one.</summary>
    public static string Turn(string request, string baseText) =>
        baseText.Length == 0
            ? request
            : $"""
              The current draft:

              ```tariff
              {baseText.TrimEnd()}
              ```

              {request}
              """;

    /// <summary>Sends the checker's findings back, asking for the whole corrected document.</summary>
    public static string Repair(IEnumerable<Diagnostic> errors)
    {
        var text = new StringBuilder("The checker refused your document:\n");
        foreach (var error in errors)
        {
            text.Append(CultureInfo.InvariantCulture, $"- line {error.Span.Start.Line}, column {error.Span.Start.Column + 1}: {error.Id} {error.Message}\n");
        }

        return text.Append("Answer again with the whole corrected document in one fenced tariff block.").ToString();
    }

    /// <summary>Asked when the reply held no fenced block.</summary>
    public const string NoDocument = "Your answer held no fenced code block. Answer again with the whole document in exactly one fenced tariff block.";
}
