using Tariff.Engine.Text;

namespace Tariff.Engine.Syntax;

/// <summary>A <c>meter</c> declaration: what to count from usage events.</summary>
public sealed record MeterDeclarationSyntax(string Name, SourceSpan NameSpan) : DeclarationSyntax(Name, NameSpan);
