using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UserStream.Processor.Extensions;
using UserStream.Testing;
using UserStream.UserStore;

namespace UserStream.Processor.Tests;

/// <summary>The processor's real service composition in a generic host, on the shared broker and a fresh database.</summary>
public sealed class ProcessorHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ProcessorHost(IHost host, string topic, string deadLetterTopic, string groupId, string postgres)
    {
        _host = host;
        Topic = topic;
        DeadLetterTopic = deadLetterTopic;
        GroupId = groupId;
        Postgres = postgres;
    }

    public string Topic { get; }
    public string DeadLetterTopic { get; }
    public string GroupId { get; }
    public string Postgres { get; }
    public IUserStore Store => _host.Services.GetRequiredService<IUserStore>();

    public static async Task<ProcessorHost> StartAsync(int partitions = 4, string? postgres = null, string? topic = null, string? groupId = null,
        IDictionary<string, string?>? settings = null)
    {
        topic ??= SharedInfrastructure.CreateTopic("users", partitions);
        var deadLetterTopic = SharedInfrastructure.CreateTopic("users-dlq", 1);
        groupId ??= "processor-" + Guid.NewGuid().ToString("N");
        postgres ??= await SharedInfrastructure.CreateDatabaseAsync();

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["ConnectionStrings:postgres"] = postgres,
            ["Processor:Topic"] = topic,
            ["Processor:DeadLetterTopic"] = deadLetterTopic,
            ["Processor:GroupId"] = groupId,
            ["Processor:RetryDelay"] = "00:00:00.100",
            ["Processor:MaxRetryDelay"] = "00:00:00.500",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.AddProcessorServices();
        var host = builder.Build();
        await host.StartAsync();
        return new ProcessorHost(host, topic, deadLetterTopic, groupId, postgres);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(15));
        _host.Dispose();
    }
}
