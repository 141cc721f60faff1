namespace UserStream.Dashboard.Otlp;

/// <summary>A payload that decodes as protobuf but breaks an OTLP rule (say, a 3-byte trace id).</summary>
internal sealed class OtlpPayloadException(string message) : Exception(message);
