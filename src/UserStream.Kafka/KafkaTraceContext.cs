using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace UserStream.Kafka;

/// <summary>
/// Carries W3C trace context (traceparent, tracestate) in Kafka message headers, so one trace spans
/// the producer, the broker hop and the consumer. The spans themselves belong to the services
/// (ActivitySources UserStream.Ingestor and UserStream.Processor).
/// </summary>
public static class KafkaTraceContext
{
    /// <summary>Writes the context of <paramref name="activity"/> into <paramref name="headers"/>.</summary>
    public static void Inject(Activity? activity, Headers headers)
    {
        if (activity is null)
            return;
        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, name, value) =>
        {
            if (carrier is not Headers h || value is null)
                return;
            h.Remove(name);
            h.Add(name, Encoding.UTF8.GetBytes(value));
        });
    }

    /// <summary>Reads the producer's trace context from <paramref name="headers"/>; default when there is none or it is malformed.</summary>
    public static ActivityContext Extract(Headers? headers)
    {
        if (headers is null)
            return default;
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = carrier is Headers h && h.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        }, out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }

    /// <summary>Reads a header as UTF-8 text, or null when it is absent.</summary>
    public static string? GetString(this Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>Adds a UTF-8 text header.</summary>
    public static Headers AddString(this Headers headers, string name, string value)
    {
        headers.Add(name, Encoding.UTF8.GetBytes(value));
        return headers;
    }
}
