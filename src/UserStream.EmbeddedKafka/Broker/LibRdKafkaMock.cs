using System.Reflection;
using System.Runtime.InteropServices;
using UserStream.Confluent.Kafka.Native;

namespace UserStream.EmbeddedKafka;

/// <summary>
/// P/Invoke into librdkafka's mock-cluster API (rdkafka_mock.h), bound to the very library
/// Confluent.Kafka loaded: the broker and the clients in one process share one librdkafka, the
/// packaged one, never a system copy.
/// </summary>
internal static partial class LibRdKafkaMock
{
    private const string Lib = "librdkafka";

    static LibRdKafkaMock() => NativeLibrary.SetDllImportResolver(typeof(LibRdKafkaMock).Assembly, Resolve);

    /// <summary>Loads librdkafka through Confluent.Kafka first, then resolves it as Confluent.Kafka's assembly does (same file, same handle).</summary>
    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != Lib)
            return IntPtr.Zero;
        LibrdkafkaVersionCheck.EnsureExpectedVersion();
        return NativeLibrary.Load(Lib, typeof(global::Confluent.Kafka.Library).Assembly, searchPath);
    }

    [LibraryImport(Lib)]
    internal static partial IntPtr rd_kafka_version_str();

    [LibraryImport(Lib)]
    internal static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Lib)]
    internal static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Lib)]
    internal static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Lib)]
    internal static partial IntPtr rd_kafka_handle_mock_cluster(IntPtr rk);

    [LibraryImport(Lib)]
    internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Lib)]
    internal static partial int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

    [LibraryImport(Lib)]
    internal static partial int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

    [LibraryImport(Lib)]
    internal static partial void rd_kafka_mock_push_request_errors_array(IntPtr mcluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Lib)]
    internal static partial IntPtr rd_kafka_err2str(int err);

    internal static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? $"error {err}";

    /// <summary>The version of the librdkafka these bindings call into.</summary>
    internal static string VersionString() => Marshal.PtrToStringUTF8(rd_kafka_version_str()) ?? "";
}
