namespace UserStream.AppHost.Model;

/// <summary>How a resource is provided. Services are always <see cref="Local"/> processes.</summary>
public enum ResourceMode
{
    /// <summary>Attached: a connection string was configured.</summary>
    External,

    /// <summary>Run from the official image by Docker or Podman.</summary>
    Container,

    /// <summary>Run on this machine without a container engine (local PostgreSQL, embedded Kafka, a child process).</summary>
    Local,
}
