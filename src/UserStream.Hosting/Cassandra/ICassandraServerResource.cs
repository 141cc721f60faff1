namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Cassandra in any of its forms: <see cref="CassandraServerResource"/> (container) or <see cref="ExternalCassandraServerResource"/>
/// (an existing cluster). Its connection string names the contact points and port.
/// </summary>
public interface ICassandraServerResource : IResourceWithConnectionString;
