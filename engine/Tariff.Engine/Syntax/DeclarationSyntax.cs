using Tariff.Engine.Text;

namespace Tariff.Engine.Syntax;

/// <summary>A top-level named declaration of a document (a meter, a plan; later schedules and queries).</summary>
/// <param name="Name">The declared name.</param>
/// <param name="NameSpan">Where the name is written, for diagnostics and go-to-definition.</param>
public abstract record DeclarationSyntax(string Name, SourceSpan NameSpan);
