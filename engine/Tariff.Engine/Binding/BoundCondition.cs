namespace Tariff.Engine.Binding;

/// <summary>A checked condition on an event. A condition on a field the event lacks is false.</summary>
public abstract record BoundCondition;
