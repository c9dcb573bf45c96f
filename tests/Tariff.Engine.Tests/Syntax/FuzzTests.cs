using System.Text;
using Antlr4.Runtime;
using Tariff.Engine.Binding;
using Tariff.Engine.Compilation;
using Tariff.Engine.Evaluation;
using Tariff.Engine.Rating;
using Tariff.Grammar;

namespace Tariff.Engine.Tests.Syntax;

/// <summary>
/// Mutated documents, 100,000 in all: whatever the bytes or tokens, checking gives diagnostics with valid positions
/// and never throws. The few mutants that are still valid are compiled and rated by both engines.
/// </summary>
public sealed class FuzzTests
{
    private const int MutantsPerKind = 50_000;
    private const int ValidMutantsCompiled = 25;

    private static readonly string[] Seeds = [.. Directory.EnumerateFiles(TestDocuments.CasesFolder, "*.tariff", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    private static readonly string[] Replacements =
    [
        "meter", "plan", "count", "sum", "where", "group", "by", "and", "or", "not", "in", "between", "charge", "graduated",
        "volume", "package", "percentage", "up", "to", "above", "at", "flat", "free", "first", "when", "otherwise", "{", "}",
        "(", ")", "[", "]", ",", ".", "%", "=", "!=", "<", ">=", "0", "-1", "0.0000", "99999999999999999999999999999",
        "\"\"", "\"x\"", "\"", "2026-02-30", "x", "measures.tokens", "dimensions.", "#", "\n", "\0", "\u00e9", "\ud800",
    ];

    [Fact]
    public void Check_ByteMutants_NeverThrowAndGiveValidPositions()
    {
        var random = new Random(4217);
        var compiler = new ValidMutantChecker();
        for (var i = 0; i < MutantsPerKind; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]).ToList();
            for (var edits = random.Next(1, 6); edits > 0 && bytes.Count > 0; edits--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0:
                        bytes[at] = (byte)random.Next(256);
                        break;
                    case 1:
                        bytes.Insert(at, (byte)random.Next(256));
                        break;
                    default:
                        bytes.RemoveAt(at);
                        break;
                }
            }

            CheckOne(Encoding.UTF8.GetString([.. bytes]), compiler);
        }
    }

    [Fact]
    public void Check_TokenMutants_NeverThrowAndGiveValidPositions()
    {
        var random = new Random(978);
        var compiler = new ValidMutantChecker();
        var tokenized = Seeds.Select(Tokens).ToArray();
        for (var i = 0; i < MutantsPerKind; i++)
        {
            var tokens = tokenized[random.Next(tokenized.Length)].ToList();
            for (var edits = random.Next(1, 4); edits > 0 && tokens.Count > 1; edits--)
            {
                var at = random.Next(tokens.Count);
                switch (random.Next(4))
                {
                    case 0:
                        tokens.RemoveAt(at);
                        break;
                    case 1:
                        tokens.Insert(at, tokens[random.Next(tokens.Count)]);
                        break;
                    case 2:
                        (tokens[at], tokens[^1]) = (tokens[^1], tokens[at]);
                        break;
                    default:
                        tokens[at] = Replacements[random.Next(Replacements.Length)];
                        break;
                }
            }

            CheckOne(string.Join(" ", tokens), compiler);
        }
    }

    private static void CheckOne(string text, ValidMutantChecker compiler)
    {
        var result = Binder.Check(text);
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.True(diagnostic.Span.Start.Line >= 1 && diagnostic.Span.Start.Column >= 0 && diagnostic.Message.Length > 0,
                $"bad diagnostic {diagnostic} for:\n{text}");
        }

        if (result.Document is { } document)
        {
            compiler.Check(document);
        }
    }

    private static List<string> Tokens(string text) =>
        [.. new TariffLexer(CharStreams.fromString(text)).GetAllTokens().Where(t => t.Channel == TokenConstants.DefaultChannel).Select(t => t.Text)];

    /// <summary>Compiles the first few valid mutants and checks both engines rate their examples alike.</summary>
    private sealed class ValidMutantChecker
    {
        private int compiled;

        public void Check(BoundDocument document)
        {
            foreach (var plan in document.Plans)
            {
                if (compiled++ >= ValidMutantsCompiled)
                {
                    return;
                }

                var expected = ExampleRunner.Run(new InterpretedRatingEngine(plan)).Select(o => o.Actual);
                var actual = ExampleRunner.Run(CompiledRatingEngine.Compile(plan)).Select(o => o.Actual);
                Assert.Equal(expected, actual);
            }
        }
    }
}
