using Antlr4.Runtime;
using Tariff.Engine.Text;

namespace Tariff.Engine.Syntax;

/// <summary>Source spans of ANTLR tokens and contexts, in the engine's convention (line from 1, column from 0).</summary>
internal static class SyntaxSpans
{
    public static SourceSpan Of(IToken token) => SourceSpan.OnLine(token.Line, token.Column, Math.Max(token.Text?.Length ?? 0, 0));

    public static SourceSpan Of(ParserRuleContext context)
    {
        var start = context.Start;
        var stop = context.Stop ?? start;
        if (stop.TokenIndex < start.TokenIndex)
        {
            stop = start;
        }

        var end = Of(stop).End;
        return new SourceSpan(new SourcePosition(start.Line, start.Column), end);
    }
}
