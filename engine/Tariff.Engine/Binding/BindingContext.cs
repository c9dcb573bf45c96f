using Tariff.Engine.Diagnostics;
using Tariff.Engine.Text;

namespace Tariff.Engine.Binding;

/// <summary>Diagnostics of one binding, with a count of errors so that each part knows whether it failed.</summary>
internal sealed class BindingContext
{
    public DiagnosticBag Diagnostics { get; } = new();

    public int ErrorCount { get; private set; }

    public void Error(string id, SourceSpan span, string message)
    {
        Diagnostics.Error(id, span, message);
        ErrorCount++;
    }
}
