using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace UserStream.Tests.Dashboard;

/// <summary>
/// Telemetry shaped like the pipeline's, sent through the real OTLP exporter: one trace that crosses
/// from "ingestor" to "processor" (its last span failed), logs of both, and the userstream.* meters.
/// </summary>
internal static class PipelineTelemetrySample
{
    public const string FailedSpanName = "user_store upsert";

    /// <summary>Sends the sample and returns the id of the cross-service trace.</summary>
    public static async Task<string> SendAsync(DashboardTestHost host)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var ingestorSource = new ActivitySource("UserStream.Ingestor.Test" + id);
        var processorSource = new ActivitySource("UserStream.Processor.Test" + id);
        using var ingestorTracing = OtlpTestExport.Tracing(host, "ingestor", ingestorSource.Name);
        using var processorTracing = OtlpTestExport.Tracing(host, "processor", processorSource.Name);
        using var ingestorLogs = OtlpTestExport.Logging(host, "ingestor");
        using var processorLogs = OtlpTestExport.Logging(host, "processor");
        var ingestorLog = ingestorLogs.CreateLogger("UserStream.Ingestor.IngestionRun");
        var processorLog = processorLogs.CreateLogger("UserStream.Processor.UserConsumer");

        string traceId;
        using (var run = ingestorSource.StartActivity("ingestion run", ActivityKind.Internal)!)
        {
            traceId = run.TraceId.ToHexString();
            run.SetTag("run.id", 7);
            using (var fetch = ingestorSource.StartActivity("GET randomuser /api", ActivityKind.Client)!)
            {
                fetch.SetTag("http.response.status_code", 200);
                await Task.Delay(15);
            }
            ingestorLog.LogInformation("Run {RunId} fetched {Count} users", 7, 50);
            using var publish = ingestorSource.StartActivity("users_created publish", ActivityKind.Producer)!;
            publish.SetTag("messaging.destination.name", "users_created");
            await Task.Delay(5);
            using (var consume = processorSource.StartActivity("users_created process", ActivityKind.Consumer, publish.Context)!)
            {
                consume.SetTag("messaging.kafka.offset", 42);
                await Task.Delay(10);
                using var upsert = processorSource.StartActivity(FailedSpanName, ActivityKind.Client)!;
                upsert.SetTag("db.system", "cassandra");
                await Task.Delay(8);
                upsert.SetStatus(ActivityStatusCode.Error, "write timed out");
                processorLog.LogError("Upsert of user {UserId} failed: {Reason}", "4f1c-77", "write timed out");
            }
        }
        processorLog.LogWarning("Consumer lag is {Lag} messages", 120);
        ingestorLog.LogDebug("Outbox relay idle");
        ingestorTracing.ForceFlush();
        processorTracing.ForceFlush();

        SendMetrics(host, "ingestor", "UserStream.Ingestor.Test" + id, ingestor: true);
        SendMetrics(host, "processor", "UserStream.Processor.Test" + id, ingestor: false);
        return traceId;
    }

    private static void SendMetrics(DashboardTestHost host, string service, string meterName, bool ingestor)
    {
        using var meter = new Meter(meterName);
        using var provider = OtlpTestExport.Metrics(host, service, meterName);
        var backlog = 30L;
        var lag = 120L;
        if (ingestor)
        {
            var fetched = meter.CreateCounter<long>("userstream.users.fetched", "{user}", "Users fetched from the source");
            var published = meter.CreateCounter<long>("userstream.users.published", "{user}", "Outbox messages published to Kafka");
            meter.CreateObservableGauge("userstream.outbox.backlog", () => backlog, "{message}", "Outbox rows not yet published");
            for (var round = 0; round < 4; round++)
            {
                fetched.Add(50 + round * 10);
                published.Add(45 + round * 8);
                backlog = 30 - round * 6;
                Thread.Sleep(250);
                provider.ForceFlush();
            }
        }
        else
        {
            var processed = meter.CreateCounter<long>("userstream.users.processed", "{user}", "Users written to the user store");
            var deadLettered = meter.CreateCounter<long>("userstream.users.dead_lettered", "{message}", "Messages sent to users_created.dlq");
            meter.CreateObservableGauge("userstream.consumer.lag", () => lag, "{message}", "Messages behind the partition end");
            var latency = meter.CreateHistogram<double>("userstream.ingest_to_store.duration", "ms", "From fetch to stored row");
            var random = new Random(7);
            for (var round = 0; round < 4; round++)
            {
                processed.Add(40 + round * 5, new KeyValuePair<string, object?>("store", "cassandra"));
                deadLettered.Add(round % 2, new KeyValuePair<string, object?>("reason", "invalid_email"));
                lag = 120 - round * 30;
                for (var i = 0; i < 60; i++)
                    latency.Record(20 + random.NextDouble() * 180);
                Thread.Sleep(250);
                provider.ForceFlush();
            }
        }
    }
}
