namespace Tariff.Engine.Text;

/// <summary>A range of a document, from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive).</summary>
/// <param name="Start">The first character of the range.</param>
/// <param name="End">The position just after the last character of the range.</param>
public readonly record struct SourceSpan(SourcePosition Start, SourcePosition End)
{
    /// <summary>A span covering <paramref name="length"/> characters of one line.</summary>
    public static SourceSpan OnLine(int line, int column, int length) =>
        new(new SourcePosition(line, column), new SourcePosition(line, column + Math.Max(length, 0)));
}
