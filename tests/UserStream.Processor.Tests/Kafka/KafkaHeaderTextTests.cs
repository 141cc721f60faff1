using System.Text;
using Confluent.Kafka;
using UserStream.Confluent.Kafka;
using UserStream.Testing;

namespace UserStream.Processor.Tests.Kafka;

/// <summary>Header reads never throw, whatever a producer sent.</summary>
public sealed class KafkaHeaderTextTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void Absent_null_empty_text_and_non_utf8_values_are_told_apart()
    {
        var headers = new Headers { { "null", null }, { "empty", [] }, { "text", Encoding.UTF8.GetBytes("user-created/v1") }, { "bytes", [0xff, 0xfe] } };

        Assert.Equal(HeaderTextState.Absent, headers.TryGetText("missing", out var missing));
        Assert.Null(missing);
        Assert.Equal(HeaderTextState.Absent, headers.TryGetText("null", out var nullValue));
        Assert.Null(nullValue);
        Assert.Equal(HeaderTextState.Text, headers.TryGetText("empty", out var empty));
        Assert.Equal("", empty);
        Assert.Equal(HeaderTextState.Text, headers.TryGetText("text", out var text));
        Assert.Equal("user-created/v1", text);
        Assert.Equal(HeaderTextState.NotUtf8, headers.TryGetText("bytes", out var bytes));
        Assert.Null(bytes);
        Assert.Null(headers.GetString("bytes"));
        Assert.Null(headers.GetString("null"));
        Assert.Equal(HeaderTextState.Absent, ((Headers?)null).TryGetText("text", out _));
    }

    [Fact]
    public void The_last_header_of_a_name_counts_even_when_it_is_null()
    {
        var headers = new Headers { { "schema", Encoding.UTF8.GetBytes("user-created/v1") }, { "schema", null } };
        Assert.Equal(HeaderTextState.Absent, headers.TryGetText("schema", out _));
    }

    [Fact]
    public void A_null_or_non_utf8_traceparent_gives_no_trace_context_rather_than_an_exception()
    {
        Assert.Equal(default, KafkaTraceContext.Extract(new Headers { { "traceparent", null } }));
        Assert.Equal(default, KafkaTraceContext.Extract(new Headers { { "traceparent", [0xc3, 0x28] } }));
        Assert.Equal(default, KafkaTraceContext.Extract(new Headers { { "traceparent", Encoding.UTF8.GetBytes("not a traceparent") } }));
        Assert.Equal(default, KafkaTraceContext.Extract(new Headers { { "traceparent", Encoding.UTF8.GetBytes(TraceParent) }, { "tracestate", null } }).TraceState);
        var context = KafkaTraceContext.Extract(new Headers { { "traceparent", Encoding.UTF8.GetBytes(TraceParent) } });
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", context.TraceId.ToHexString());
    }
}
