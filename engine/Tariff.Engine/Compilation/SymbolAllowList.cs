using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tariff.Engine.Compilation;

/// <summary>
/// The second line of defence: after compiling, every symbol the generated code touches is looked up in its
/// semantic model and must be on this list. The generator only emits these, so anything else means the generator
/// (or a document, through it) produced code it must not, and nothing is loaded.
/// </summary>
internal static class SymbolAllowList
{
    private const string Any = "*";

    private static readonly Dictionary<string, HashSet<string>> Allowed = new(StringComparer.Ordinal)
    {
        ["System.Decimal"] = [Any],
        ["System.Int32"] = [Any],
        ["System.Int64"] = [Any],
        ["System.Boolean"] = [Any],
        ["System.Nullable`1"] = [Any],
        ["System.String"] = ["Equals", "StartsWith"],
        ["System.StringComparison"] = ["Ordinal"],
        ["System.Array"] = ["Empty"],
        ["System.OverflowException"] = [".ctor"],
        ["System.ReadOnlySpan`1"] = [Any],
        ["System.DateTimeOffset"] = ["UtcTicks"],
        ["System.Globalization.CultureInfo"] = ["InvariantCulture"],
        ["System.Collections.Generic.IReadOnlyList`1"] = ["this[]"],
        ["System.Collections.Generic.IReadOnlyCollection`1"] = ["Count"],
        ["System.Collections.Generic.IReadOnlyDictionary`2"] = ["TryGetValue"],
        ["Tariff.Engine.Usage.UsageEvent"] =
        [
            "Timestamp", "Consumer", "Product", "Route", "Path", "Method", "Status", "LatencyMs", "RequestBytes",
            "ResponseBytes", "Measures", "Dimensions",
        ],
        ["Tariff.Engine.Evaluation.UsagePeriod"] = ["Start", "End"],
        ["Tariff.Engine.Evaluation.UsageEventSpan"] = ["Of"],
        ["Tariff.Engine.Evaluation.FixedPoint"] = ["TryPrice"],
        ["Tariff.Engine.Evaluation.DecimalOperators"] = [Any],
        ["Tariff.Engine.Evaluation.TierTable"] = ["Parse"],
        ["Tariff.Engine.Evaluation.MeterAccumulator"] = [".ctor", "Add", "Finish", "Convert"],
        ["Tariff.Engine.Evaluation.MeterResult"] = [".ctor"],
        ["Tariff.Engine.Evaluation.MeterGroup"] = [".ctor"],
        ["Tariff.Engine.Binding.BoundMeter"] = ["Name"],
        ["Tariff.Engine.Binding.GlobPattern"] = [".ctor", "IsMatch"],
        [CSharpGenerator.TypeName] = [Any],
    };

    /// <summary>Every symbol used by the tree that is not allowed, as "Type.Member" (empty when all are allowed).</summary>
    public static IReadOnlyList<string> Violations(SemanticModel model, SyntaxTree tree)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        // Names, operators, indexers and constructions are where code reaches a symbol; member accesses and calls
        // resolve to the symbol of their name, which is checked already.
        foreach (var node in tree.GetRoot().DescendantNodes(descend => descend is not UsingDirectiveSyntax)
            .Where(n => n is SimpleNameSyntax or BinaryExpressionSyntax or AssignmentExpressionSyntax or PrefixUnaryExpressionSyntax
                or PostfixUnaryExpressionSyntax or ElementAccessExpressionSyntax or BaseObjectCreationExpressionSyntax or CastExpressionSyntax
                or ForEachStatementSyntax))
        {
            var symbol = node is ForEachStatementSyntax loop ? model.GetForEachStatementInfo(loop).GetEnumeratorMethod : model.GetSymbolInfo(node).Symbol;
            if (symbol is null or ILocalSymbol or IParameterSymbol or INamespaceSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol)
            {
                continue;
            }

            if (!IsAllowed(symbol))
            {
                violations.Add(symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
            }
        }

        return [.. violations];
    }

    private static bool IsAllowed(ISymbol symbol)
    {
        if (symbol is ITypeSymbol type)
        {
            return type.SpecialType != SpecialType.None || Allowed.ContainsKey(MetadataName(type));
        }

        var owner = symbol.ContainingType;
        if (owner is null || !Allowed.TryGetValue(MetadataName(owner), out var members))
        {
            return false;
        }

        var name = symbol switch
        {
            IPropertySymbol { IsIndexer: true } => "this[]",
            IMethodSymbol { MethodKind: MethodKind.Constructor } => ".ctor",
            _ => symbol.Name,
        };
        return members.Contains(Any) || members.Contains(name);
    }

    private static string MetadataName(ITypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        var container = definition.ContainingType is { } outer ? MetadataName(outer) : definition.ContainingNamespace?.ToDisplayString();
        return string.IsNullOrEmpty(container) ? definition.MetadataName : $"{container}.{definition.MetadataName}";
    }
}
