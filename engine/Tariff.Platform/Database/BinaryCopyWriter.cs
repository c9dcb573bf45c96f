using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Tariff.Platform.Database;

/// <summary>
/// Writes PostgreSQL's binary COPY format (header, rows of length-prefixed fields, trailer) into one growing buffer
/// and hands it to a raw COPY stream in large chunks. Npgsql's <see cref="NpgsqlBinaryImporter"/> binds every value
/// as a parameter; at fifteen values an event that cost more than the database's own parsing of them.
/// </summary>
/// <remarks>The encodings are PostgreSQL's <c>*_send</c> formats; <c>BinaryCopyWriterTests</c> reads every kind back.</remarks>
public sealed class BinaryCopyWriter : IBufferWriter<byte>, IAsyncDisposable
{
    private const int FlushAt = 64 * 1024;
    private const long PostgresEpochTicks = 630_822_816_000_000_000; // 2000-01-01T00:00:00Z
    private const short NumericPositive = 0x0000;
    private const short NumericNegative = 0x4000;
    private static readonly string[] FixedFormats = [.. Enumerable.Range(0, 29).Select(scale => "F" + scale.ToString(CultureInfo.InvariantCulture))];
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly Stream stream;
    private readonly Utf8JsonWriter json;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(FlushAt * 2);
    private int written;

    private BinaryCopyWriter(Stream stream)
    {
        this.stream = stream;
        json = new Utf8JsonWriter(this);
        Header.CopyTo(buffer, 0);
        written = Header.Length;
    }

    /// <summary>Starts <paramref name="copyCommand"/> (a <c>COPY … FROM STDIN (FORMAT BINARY)</c>) on the connection.</summary>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new BinaryCopyWriter(await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken));
    }

    public void StartRow(short fields) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), fields);

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        var span = GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        Advance(4 + length);
    }

    public void Int4(int? value)
    {
        if (value is not { } present)
        {
            Null();
            return;
        }

        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], present);
    }

    public void Boolean(bool value)
    {
        var span = Reserve(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
    }

    /// <summary>A <c>timestamptz</c>: microseconds since 2000-01-01 UTC, sub-microsecond ticks truncated as Npgsql does.</summary>
    public void TimestampTz(DateTimeOffset value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], (value.UtcTicks - PostgresEpochTicks) / 10);
    }

    /// <summary>
    /// A <c>numeric</c>: base-10000 digit groups aligned on the decimal point, with the decimal's scale as display
    /// scale, so <c>1.50</c> stays <c>1.50</c>. Leading and trailing zero groups are dropped, as PostgreSQL stores them.
    /// </summary>
    public void Numeric(decimal? value)
    {
        if (value is not { } present)
        {
            Null();
            return;
        }

        Span<char> digits = stackalloc char[40];
        var scale = present.Scale;
        var magnitude = Math.Abs(present);
        magnitude.TryFormat(digits, out var length, FixedFormats[scale], CultureInfo.InvariantCulture);
        var point = digits[..length].IndexOf('.');
        var whole = point < 0 ? digits[..length] : digits[..point];
        var fraction = point < 0 ? [] : digits[(point + 1)..length];
        if (whole is ['0'])
        {
            whole = [];
        }

        // Groups counted from the decimal point: the whole part padded on the left, the fraction on the right.
        var wholeGroups = (whole.Length + 3) / 4;
        var fractionGroups = (fraction.Length + 3) / 4;
        Span<short> groups = stackalloc short[wholeGroups + fractionGroups];
        for (var g = 0; g < wholeGroups; g++)
        {
            groups[g] = Group(whole, end: whole.Length - (4 * (wholeGroups - 1 - g)));
        }

        for (var g = 0; g < fractionGroups; g++)
        {
            groups[wholeGroups + g] = Group(fraction, end: Math.Min(4 * (g + 1), fraction.Length), padRight: (4 * (g + 1)) - Math.Min(4 * (g + 1), fraction.Length));
        }

        var first = 0;
        while (first < groups.Length && groups[first] == 0)
        {
            first++;
        }

        var last = groups.Length - 1;
        while (last >= first && groups[last] == 0)
        {
            last--;
        }

        var count = last - first + 1;
        var span = Reserve(4 + 8 + (2 * count));
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + (2 * count));
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)count);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], count == 0 ? (short)0 : (short)(wholeGroups - 1 - first));
        BinaryPrimitives.WriteInt16BigEndian(span[8..], count > 0 && present < 0 ? NumericNegative : NumericPositive);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], (short)scale);
        for (var g = 0; g < count; g++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + (2 * g))..], groups[first + g]);
        }
    }

    /// <summary>A <c>jsonb</c> object of the pairs, or NULL when there are none (format version 1, then the text).</summary>
    public void Jsonb<T>(IReadOnlyDictionary<string, T>? values, Action<Utf8JsonWriter, string, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (values is not { Count: > 0 })
        {
            Null();
            return;
        }

        var start = written;
        var prefix = Reserve(5);
        prefix[4] = 1;
        json.Reset(this);
        json.WriteStartObject();
        foreach (var (name, value) in values)
        {
            write(json, name, value);
        }

        json.WriteEndObject();
        json.Flush();
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(start), written - start - 4);
    }

    /// <summary>Sends what is buffered once a chunk is full; call between rows.</summary>
    public ValueTask FlushIfFullAsync(CancellationToken cancellationToken) =>
        written >= FlushAt ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Writes the trailer and sends the rest; disposing then ends the COPY.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        await FlushAsync(cancellationToken);
    }

    public void Advance(int count) => written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(written);
    }

    public async ValueTask DisposeAsync()
    {
        await json.DisposeAsync();
        await stream.DisposeAsync();
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private static short Group(ReadOnlySpan<char> digits, int end, int padRight = 0)
    {
        var value = 0;
        for (var i = Math.Max(0, end - 4 + padRight); i < end; i++)
        {
            value = (value * 10) + (digits[i] - '0');
        }

        for (var i = 0; i < padRight; i++)
        {
            value *= 10;
        }

        return (short)value;
    }

    private Span<byte> Reserve(int count)
    {
        var span = GetSpan(count)[..count];
        written += count;
        return span;
    }

    private void Ensure(int sizeHint)
    {
        var needed = written + Math.Max(sizeHint, 256);
        if (needed <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await stream.WriteAsync(buffer.AsMemory(0, written), cancellationToken);
        written = 0;
    }
}
