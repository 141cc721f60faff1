using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>The processor as a real process (`dotnet UserStream.Processor.dll`) on the shared broker, configured by environment variables.</summary>
public static class ProcessorProcess
{
    public static Task<ServiceProcess> StartAsync(string postgres, string topic, string deadLetterTopic, string groupId,
        IDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = postgres,
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["Processor__Topic"] = topic,
            ["Processor__DeadLetterTopic"] = deadLetterTopic,
            ["Processor__GroupId"] = groupId,
            ["Processor__RetryDelay"] = "00:00:00.100",
            ["Processor__MaxRetryDelay"] = "00:00:00.500",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            environment[key] = value;
        return ServiceProcess.StartAsync("Processor", environment);
    }
}
