namespace Tariff.Engine.Compilation;

/// <summary>Unique names for the locals of one generated method.</summary>
internal sealed class NameSource(string prefix)
{
    private int next;

    public string Next() => $"{prefix}_{next++}";
}
