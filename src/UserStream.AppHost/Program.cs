// The bill of materials. Each infrastructure name is also the connection name the services read
// (ConnectionStrings__postgres, __kafka, __cassandra). Each runs as external, container or local by one rule
// (docs/apphost.md); the startup summary and the dashboard say which form runs and why.
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgresServer("postgres").WithRestartOnCrash();
var kafka = builder.AddKafka("kafka").WithKafkaUI(); // the UI only beside the container form
var cassandra = builder.AddCassandra("cassandra"); // null where no form of Cassandra can run: users then live in PostgreSQL
var userStore = cassandra ?? postgres;
var apiKey = builder.AddGeneratedSecret("api-key", "The X-Api-Key of POST /runs and the other operator endpoints");
var pageTokenKey = builder.AddGeneratedSecret("page-token-key", "Signs the api's page tokens");
// Every service listens on plain http (WithoutHttpsCertificate): no development certificate is needed or asked for.

var source = builder.AddProject<Projects.UserStream_Source>("source")
    .WithHttpEndpoint(port: 5082).WithoutHttpsCertificate()
    .WithServiceHealthCheck()
    .WithRestartOnCrash();

builder.AddProject<Projects.UserStream_Ingestor>("ingestor")
    .WithHttpEndpoint(port: 5081).WithoutHttpsCertificate()
    .WithConfiguredReplicas("Ingestor")
    .WithReference(postgres).WaitFor(postgres)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(source).WaitFor(source)
    .WithSettingsFrom("Ingestion:Schedule")
    .WithApiKey(apiKey)
    .WithIngestorCommands(apiKey)
    .WithServiceHealthCheck()
    .WithRestartOnCrash();

builder.AddProject<Projects.UserStream_Processor>("processor")
    .WithHttpEndpoint(port: 5083).WithoutHttpsCertificate()
    .WithConfiguredReplicas("Processor")
    .WithReference(kafka).WaitFor(kafka)
    .WithUserStore(userStore)
    .WithApiKey(apiKey)
    .WithProcessorCommands(apiKey)
    .WithServiceHealthCheck()
    .WithRestartOnCrash();

builder.AddProject<Projects.UserStream_Api>("api")
    .WithHttpEndpoint(port: 5080).WithoutHttpsCertificate()
    .WithConfiguredReplicas("Api")
    .WithUserStore(userStore)
    .WithApiKey(apiKey)
    .WithEnvironment("UserStore__Cassandra__PageTokenKey", pageTokenKey)
    .WithServiceHealthCheck()
    .WithRestartOnCrash();

builder.RunBuiltProjects(); // each service from its build output, without a `dotnet run` beside it
builder.AddStartupSummary();

builder.Build().Run();
