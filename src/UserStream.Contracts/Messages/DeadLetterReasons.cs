namespace UserStream.Contracts.Messages;

/// <summary>Values of the <see cref="MessageHeaders.DeadLetterReason"/> header.</summary>
public static class DeadLetterReasons
{
    public const string InvalidJson = "invalid-json";
    public const string MissingSchema = "missing-schema";
    public const string UnknownSchema = "unknown-schema";
    public const string UnsupportedSchemaVersion = "unsupported-schema-version";
    public const string MissingFields = "missing-fields";
    public const string KeyMismatch = "key-mismatch";
}
