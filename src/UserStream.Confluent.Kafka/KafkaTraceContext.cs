using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace UserStream.Confluent.Kafka;

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
            // Null-valued or non-UTF-8 headers read as absent: a bad trace context never stops a message.
            value = (carrier as Headers).GetString(name);
        }, out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }
}
