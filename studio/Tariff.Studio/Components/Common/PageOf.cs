namespace Tariff.Studio.Components.Common;

/// <summary>One page of a sorted list, with where it sits among the others; made by <see cref="Paging.Of{T}"/>.</summary>
/// <remarks><c>Number</c> counts from 1.</remarks>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Number, int Count, int Total);
