using System.Text;
using Confluent.Kafka;
using UserStream.Contracts.Messages;
using UserStream.Confluent.Kafka;

namespace UserStream.Testing;

/// <summary>Publishes raw messages to the shared broker, as any producer (good or bad) could.</summary>
public sealed class TestProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer = new ProducerBuilder<byte[]?, byte[]?>(
        KafkaClientSettings.Producer(SharedInfrastructure.KafkaBootstrapServers, "test-producer")).Build();

    public Task SendUserAsync(string topic, Contracts.Messages.UserCreatedV1 message) =>
        SendAsync(topic, message.User.Login!.Uuid, TestUsers.Json(message), MessageSchema.UserCreatedV1);

    public async Task SendAsync(string topic, string? key, byte[]? value, string? schema)
    {
        var headers = new Headers();
        if (schema is not null)
            headers.AddString(MessageHeaders.Schema, schema);
        await _producer.ProduceAsync(topic, new Message<byte[]?, byte[]?>
        {
            Key = key is null ? null : Encoding.UTF8.GetBytes(key),
            Value = value,
            Headers = headers,
        });
    }

    public void Dispose() => _producer.Dispose();
}
