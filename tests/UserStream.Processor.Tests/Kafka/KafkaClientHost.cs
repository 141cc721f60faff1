using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using UserStream.Testing;

namespace UserStream.Processor.Tests.Kafka;

/// <summary>A generic host composed with the Kafka client integration and nothing else, from in-memory configuration.</summary>
public static class KafkaClientHost
{
    public static IHost Build(IDictionary<string, string?> configuration, Action<HostApplicationBuilder> compose)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        compose(builder);
        return builder.Build();
    }
}
