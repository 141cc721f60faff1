namespace UserStream.Contracts.Messages;

/// <summary>Default Kafka topic and consumer group names (each overridable in configuration).</summary>
public static class Topics
{
    public const string UsersCreated = "users_created";
    public const string UsersCreatedDeadLetter = "users_created.dlq";
    public const string ProcessorGroup = "user-stream-processor";
}
