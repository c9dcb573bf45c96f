namespace Tariff.Engine.Text;

/// <summary>
/// A position in a document in the engine's convention: <see cref="Line"/> counts from 1 and
/// <see cref="Column"/> from 0, as ANTLR reports them. Conversions to other conventions live in
/// <see cref="EditorPosition"/> and nowhere else (DESIGN.md, convention 8).
/// </summary>
/// <param name="Line">The line, counted from 1.</param>
/// <param name="Column">The column in UTF-16 code units, counted from 0.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>Renders as <c>line,column</c> with the column counted from 1, the way compilers print positions.</summary>
    public override string ToString() => $"{Line},{Column + 1}";
}
