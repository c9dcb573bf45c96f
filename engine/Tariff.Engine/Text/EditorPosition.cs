namespace Tariff.Engine.Text;

/// <summary>
/// A position as the studio's editor (Monaco) counts it: line and column both from 1. This is the only place that
/// converts between the engine's convention and the editor's.
/// </summary>
/// <param name="LineNumber">The line, counted from 1.</param>
/// <param name="Column">The column, counted from 1.</param>
public readonly record struct EditorPosition(int LineNumber, int Column)
{
    /// <summary>Converts an engine position (column from 0) to an editor position (column from 1).</summary>
    public static EditorPosition FromSource(SourcePosition position) => new(position.Line, position.Column + 1);

    /// <summary>Converts this editor position back to the engine's convention.</summary>
    public SourcePosition ToSource() => new(LineNumber, Column - 1);
}
