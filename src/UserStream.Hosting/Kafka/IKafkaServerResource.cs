namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Kafka broker in any of its forms: <see cref="KafkaServerResource"/> (container), <see cref="EmbeddedKafkaServerResource"/>
/// (local process) or <see cref="ExternalKafkaServerResource"/> (an existing cluster). Its connection string is the
/// bootstrap address host:port[,host:port].
/// </summary>
public interface IKafkaServerResource : IResourceWithConnectionString;
