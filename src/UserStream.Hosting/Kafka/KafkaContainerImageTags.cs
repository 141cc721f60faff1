namespace UserStream.Hosting.Kafka;

/// <summary>The Kafka container image of the container form.</summary>
internal static class KafkaContainerImageTags
{
    /// <remarks>docker.io</remarks>
    public const string Registry = "docker.io";

    /// <remarks>apache/kafka</remarks>
    public const string Image = "apache/kafka";

    /// <remarks>4.1.1</remarks>
    public const string Tag = "4.1.1";
}
