using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UserStream.Confluent.Kafka;
using UserStream.Testing;

namespace UserStream.Processor.Tests.Kafka;

/// <summary>librdkafka's statistics, at the interval configuration asks for, become measurements of the integration's meter.</summary>
public sealed class KafkaStatisticsMetricsTests
{
    [Fact]
    public async Task Messages_a_producer_sends_show_up_in_the_meter_fed_by_librdkafka_statistics()
    {
        var clientId = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var topic = SharedInfrastructure.CreateTopic("metrics", 1);
        using var listener = new RecordingListener(ConfluentKafkaCommon.MeterName, clientId);
        using var host = KafkaClientHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["Aspire:Confluent:Kafka:Producer:Config:ClientId"] = clientId,
            ["Aspire:Confluent:Kafka:Producer:Config:StatisticsIntervalMs"] = "100",
        }, b => b.AddKafkaProducer<string, string>("kafka"));
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<IProducer<string, string>>();

        for (var i = 0; i < 7; i++)
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" + i });

        await Eventually.ReturnsAsync(() => Task.FromResult(listener.Total("messaging.publish.messages")), n => n == 7, what: "7 published messages counted");
        Assert.True(listener.Total("messaging.kafka.network.tx") > 0);
        listener.RecordObservables();
        Assert.Contains("messaging.kafka.producer.queue.message_count", listener.Names);
        await host.StopAsync();
    }

    /// <summary>Sums the measurements one client (by messaging.client_id) makes on one meter, per instrument.</summary>
    private sealed class RecordingListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _totals = new();
        private readonly string _clientId;

        public RecordingListener(string meterName, string clientId)
        {
            _clientId = clientId;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == meterName)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "messaging.client_id" && (string?)tag.Value == _clientId)
                        _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
                }
            });
            _listener.Start();
        }

        public IReadOnlyCollection<string> Names => _totals.Keys.ToList();

        public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

        public void RecordObservables() => _listener.RecordObservableInstruments();

        public void Dispose() => _listener.Dispose();
    }
}
