using Tariff.Engine.Binding;
using Tariff.Engine.Diagnostics;

namespace Tariff.Cli.Commands;

/// <summary>Reads a document file and checks it, printing diagnostics the way every command does.</summary>
internal static class DocumentFiles
{
    /// <summary>The file's text, or null after printing why it cannot be read.</summary>
    public static string? Read(string path, TextWriter error)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: cannot read: {exception.Message}");
            return null;
        }
    }

    /// <summary>Prints every diagnostic; returns true when none is an error.</summary>
    public static bool Report(string path, IEnumerable<Diagnostic> diagnostics, TextWriter output)
    {
        var ok = true;
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.Format(path));
            ok &= diagnostic.Severity != DiagnosticSeverity.Error;
        }

        return ok;
    }

    /// <summary>The bound document, or null after printing its diagnostics (to <paramref name="error"/>).</summary>
    public static BoundDocument? Bind(string path, TextWriter error)
    {
        if (Read(path, error) is not { } text)
        {
            return null;
        }

        var result = Binder.Check(text);
        return Report(path, result.Diagnostics, error) ? result.Document : null;
    }
}
