using UserStream.Hosting.Cassandra;
using UserStream.Hosting.CrashRestart;
using UserStream.Hosting.Kafka;
using UserStream.Hosting.PostgreSQL;
using UserStream.Hosting.StartupSummary;

// The bill of materials. Each infrastructure name is also the connection name the services read
// (ConnectionStrings__postgres, __kafka, __cassandra); each is external, container or local (docs/apphost.md).
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgresServer("postgres").WithRestartOnCrash();
var kafka = builder.AddKafka("kafka");
var cassandra = builder.AddCassandra("cassandra");

var source = builder.AddProject<Projects.UserStream_Source>("source")
    .WithHttpEndpoint(port: 5082)
    .WithHttpHealthCheck("/health")
    .WithRestartOnCrash();

builder.AddProject<Projects.UserStream_Ingestor>("ingestor")
    .WithHttpEndpoint(port: 5081)
    .WithReference(postgres).WaitFor(postgres)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(source).WaitFor(source)
    .WithEnvironment("Ingestion__Schedule__Enabled", builder.Configuration["Ingestion:Schedule:Enabled"] ?? "true")
    .WithHttpHealthCheck("/health")
    .WithRestartOnCrash();

builder.AddProject<Projects.UserStream_Processor>("processor")
    .WithHttpEndpoint(port: 5083)
    .WithReference(postgres).WaitFor(postgres)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(cassandra).WaitFor(cassandra)
    .WithHttpHealthCheck("/health")
    .WithRestartOnCrash();

builder.AddProject<Projects.UserStream_Api>("api")
    .WithHttpEndpoint(port: 5080)
    .WithReference(postgres).WaitFor(postgres)
    .WithReference(cassandra).WaitFor(cassandra)
    .WithHttpHealthCheck("/health")
    .WithRestartOnCrash();

builder.AddStartupSummary();

builder.Build().Run();
