namespace Tariff.Engine.Diagnostics;

/// <summary>How serious a diagnostic is. Only errors stop a document from being compiled.</summary>
public enum DiagnosticSeverity
{
    /// <summary>A hint the author may ignore.</summary>
    Info,

    /// <summary>Probably a mistake, but the document still compiles.</summary>
    Warning,

    /// <summary>The document cannot be compiled until this is fixed.</summary>
    Error,
}
