using UserStream.EmbeddedKafka;

// The local form of the AppHost's `kafka` resource: librdkafka's Kafka-protocol broker in a process of
// its own, so an operator (or a test) can stop, freeze or kill it to stage a broker outage.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<EmbeddedKafkaOptions>(builder.Configuration.GetSection("EmbeddedKafka"));
builder.Services.AddHostedService<EmbeddedKafkaService>();
builder.Build().Run();
