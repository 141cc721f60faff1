using UserStream.Hosting.Forms;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>An existing Kafka cluster; its connection string is <c>ConnectionStrings:&lt;name&gt;</c> (the bootstrap servers).</summary>
/// <param name="name">The resource name, also the connection name services read.</param>
/// <param name="connectionString">The secret parameter holding the bootstrap servers.</param>
public sealed class ExternalKafkaServerResource(string name, ParameterResource connectionString)
    : ExternalServerResource(name, connectionString), IKafkaServerResource;
