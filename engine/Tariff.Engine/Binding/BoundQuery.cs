using Tariff.Engine.Syntax;

namespace Tariff.Engine.Binding;

/// <summary>A checked query: the meters it shows, its range and step, and whose usage it reads.</summary>
/// <param name="Name">The query's name.</param>
/// <param name="Meters">The meters shown, in column order.</param>
/// <param name="Range">The range, resolved each time the query runs.</param>
/// <param name="Step">The timeline's step, or null for one total over the range.</param>
/// <param name="Consumers">Consumer codes shown; every consumer when empty. The catalog checks them (the binder cannot).</param>
/// <param name="Syntax">The query as written, for spans.</param>
public sealed record BoundQuery(string Name, IReadOnlyList<BoundMeter> Meters, QueryRange Range, TimeSpan? Step, IReadOnlyList<string> Consumers, QuerySyntax Syntax);
