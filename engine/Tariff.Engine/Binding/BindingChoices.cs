using Tariff.Engine.Diagnostics;
using Tariff.Engine.Money;
using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>Words that must be one of a fixed set (rounding modes, periods), with suggestions.</summary>
internal static class BindingChoices
{
    internal static RoundingMode? RoundingModeOf(NameSyntax name, BindingContext context)
    {
        if (Rounding.ByName.TryGetValue(name.Value, out var mode))
        {
            return mode;
        }

        context.Error(DiagnosticIds.UnknownChoice, name.Span,
            $"unknown rounding `{name.Value}`; use {string.Join(", ", Rounding.ByName.Keys)}{NameSuggester.Hint(name.Value, Rounding.ByName.Keys)}");
        return null;
    }

    internal static string? Choice(NameSyntax name, IReadOnlyList<string> choices, string what, BindingContext context)
    {
        if (choices.Contains(name.Value))
        {
            return name.Value;
        }

        context.Error(DiagnosticIds.UnknownChoice, name.Span,
            $"unknown {what} `{name.Value}`; use {string.Join(", ", choices)}{NameSuggester.Hint(name.Value, choices)}");
        return null;
    }
}
