namespace Tariff.Engine.Evaluation;

/// <summary>A half-open interval of time, <c>[Start, End)</c>: a billing period or part of one.</summary>
public readonly record struct UsagePeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>True when <paramref name="moment"/> falls inside.</summary>
    public bool Contains(DateTimeOffset moment) => moment >= Start && moment < End;
}
