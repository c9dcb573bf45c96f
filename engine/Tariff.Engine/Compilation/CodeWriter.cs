using System.Text;

namespace Tariff.Engine.Compilation;

/// <summary>Writes indented C# source, a line at a time.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public void Line(string line) => text.Append(' ', depth * 4).Append(line).Append('\n');

    public void Open()
    {
        Line("{");
        depth++;
    }

    public void Close()
    {
        depth--;
        Line("}");
    }

    public override string ToString() => text.ToString();
}
