using System.Runtime.InteropServices;
using System.Text;

namespace UserStream.EmbeddedKafka;

/// <summary>
/// The Kafka-protocol broker built into librdkafka (its "mock cluster"), started inside this process
/// and reachable by any Kafka client over TCP on 127.0.0.1. It keeps everything in memory, and only
/// about 5 MiB per partition: create busy topics with enough partitions (<see cref="CreateTopic"/>),
/// and never use it where data must survive a restart. It stands in for a real Kafka where none can run.
/// </summary>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    /// <summary>Partitions given to the pipeline's topics on this broker (auto-created topics get 4).</summary>
    public const int DefaultPartitions = 32;

    private readonly object _gate = new();
    private IntPtr _handle;
    private readonly IntPtr _cluster;

    private EmbeddedKafkaBroker(IntPtr handle, IntPtr cluster, string bootstrapServers, int brokerCount)
    {
        _handle = handle;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokerCount;
    }

    /// <summary>"127.0.0.1:PORT[,…]": the address to give Kafka clients. The port is new at every start.</summary>
    public string BootstrapServers { get; }

    /// <summary>The version of the librdkafka the broker runs on (the one Confluent.Kafka loaded).</summary>
    public static string LibrdkafkaVersion => LibRdKafkaMock.VersionString();

    /// <summary>Number of brokers in the cluster (ids 1..N).</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a broker cluster of <paramref name="brokerCount"/> brokers, on the librdkafka Confluent.Kafka loaded.</summary>
    /// <exception cref="InvalidOperationException">librdkafka is missing, is not the version librdkafka.redist ships, or refused to start the cluster.</exception>
    public static EmbeddedKafkaBroker Start(int brokerCount = 1)
    {
        var errors = new byte[512];
        IntPtr conf;
        try
        {
            conf = LibRdKafkaMock.rd_kafka_conf_new();
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException(
                "The embedded Kafka broker runs on librdkafka.redist's librdkafka, which could not be loaded: " +
                "the application's output needs runtimes/linux-x64/native/librdkafka.so (build/Librdkafka.targets puts it there).", e);
        }

        Set(conf, "test.mock.num.brokers", brokerCount.ToString(System.Globalization.CultureInfo.InvariantCulture), errors);
        Set(conf, "log_level", "3", errors);
        IntPtr handle;
        // The mock cluster's broker thread is created here and inherits this thread's signal mask (see SignalMask).
        using (SignalMask.BlockAll())
            handle = LibRdKafkaMock.rd_kafka_new(0, conf, errors, (nuint)errors.Length);
        if (handle == IntPtr.Zero)
            throw new InvalidOperationException($"librdkafka could not start the embedded broker: {Text(errors)}");

        var cluster = LibRdKafkaMock.rd_kafka_handle_mock_cluster(handle);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafkaMock.rd_kafka_destroy(handle);
            throw new InvalidOperationException("librdkafka started without a mock cluster (is test.mock.num.brokers supported?)");
        }

        var bootstraps = Marshal.PtrToStringUTF8(LibRdKafkaMock.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("the embedded broker reported no address");
        return new EmbeddedKafkaBroker(handle, cluster, bootstraps, brokerCount);
    }

    /// <summary>Creates a topic with a chosen partition count (the admin API's CreateTopics is not served by this broker).</summary>
    public void CreateTopic(string name, int partitions = DefaultPartitions)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var err = LibRdKafkaMock.rd_kafka_mock_topic_create(_cluster, name, partitions, 1);
            if (err != 0 && err != 36 /* TOPIC_ALREADY_EXISTS */)
                throw new InvalidOperationException($"could not create topic '{name}': {LibRdKafkaMock.ErrorText(err)}");
        }
    }

    /// <summary>Takes a broker down (connections refused) to simulate an outage.</summary>
    public void SetBrokerDown(int brokerId = 1) => Check(LibRdKafkaMock.rd_kafka_mock_broker_set_down(_cluster, brokerId), "set broker down");

    /// <summary>Brings a broker back after <see cref="SetBrokerDown"/>.</summary>
    public void SetBrokerUp(int brokerId = 1) => Check(LibRdKafkaMock.rd_kafka_mock_broker_set_up(_cluster, brokerId), "set broker up");

    /// <summary>
    /// Answers the next produce requests, one per code, with these broker error codes (Kafka protocol codes, e.g. 10
    /// MESSAGE_TOO_LARGE) for every partition in the request, to stage a broker refusing records.
    /// </summary>
    public void FailNextProduceRequests(params int[] errorCodes)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            LibRdKafkaMock.rd_kafka_mock_push_request_errors_array(_cluster, 0 /* Produce */, (nuint)errorCodes.Length, errorCodes);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_handle == IntPtr.Zero)
                return;
            LibRdKafkaMock.rd_kafka_destroy(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private void Check(int err, string what)
    {
        ThrowIfDisposed();
        if (err != 0)
            throw new InvalidOperationException($"embedded broker: could not {what}: {LibRdKafkaMock.ErrorText(err)}");
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);

    private static void Set(IntPtr conf, string name, string value, byte[] errors)
    {
        if (LibRdKafkaMock.rd_kafka_conf_set(conf, name, value, errors, (nuint)errors.Length) != 0)
            throw new InvalidOperationException($"librdkafka rejected {name}={value}: {Text(errors)}");
    }

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
