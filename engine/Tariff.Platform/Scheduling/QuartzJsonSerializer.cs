using System.Collections.Specialized;
using System.Text.Json;
using Quartz;
using Quartz.Spi;

namespace Tariff.Platform.Scheduling;

/// <summary>
/// Stores Quartz job data as JSON (binary serialization is gone from .NET). Tariff's jobs carry only string ids, so
/// job data maps and property collections of strings are all it needs; anything else is refused, not guessed at.
/// </summary>
public sealed class QuartzJsonSerializer : IObjectSerializer
{
    public void Initialize()
    {
    }

    public byte[] Serialize<T>(T obj)
        where T : class => obj switch
        {
            JobDataMap map => JsonSerializer.SerializeToUtf8Bytes(map.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString())),
            NameValueCollection values => JsonSerializer.SerializeToUtf8Bytes(values.AllKeys.OfType<string>().ToDictionary(key => key, key => values[key])),
            _ => throw new NotSupportedException($"Tariff's job store keeps only string job data, not {obj?.GetType().Name}."),
        };

    public T DeSerialize<T>(byte[] data)
        where T : class
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(data) ?? [];
        if (typeof(T) == typeof(JobDataMap))
        {
            var map = new JobDataMap();
            foreach (var (key, value) in values)
            {
                map[key] = value!;
            }

            return (T)(object)map;
        }

        if (typeof(T) == typeof(NameValueCollection))
        {
            var collection = new NameValueCollection();
            foreach (var (key, value) in values)
            {
                collection[key] = value;
            }

            return (T)(object)collection;
        }

        throw new NotSupportedException($"Tariff's job store keeps only string job data, not {typeof(T).Name}.");
    }
}
