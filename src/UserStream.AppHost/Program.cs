using Microsoft.Extensions.Configuration.UserSecrets;
using UserStream.AppHost;
using UserStream.AppHost.Model;

[assembly: UserSecretsId("userstream-apphost")]

// The bill of materials. Each name is also the connection name the services read
// (ConnectionStrings__postgres, ConnectionStrings__kafka, ConnectionStrings__cassandra, services__source__http__0).
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var kafka = builder.AddKafka("kafka");
var cassandra = builder.AddCassandra("cassandra");

var source = builder.AddProject("source", ServiceProjects.Source)
    .WithHttpEndpoint(5082);

builder.AddProject("ingestor", ServiceProjects.Ingestor)
    .WithHttpEndpoint(5081)
    .WithReference(postgres).WithReference(kafka).WithReference(source)
    .WaitFor(postgres).WaitFor(kafka).WaitFor(source);

builder.AddProject("processor", ServiceProjects.Processor)
    .WithHttpEndpoint(5083)
    .WithReference(postgres).WithReference(kafka).WithReference(cassandra)
    .WaitFor(postgres).WaitFor(kafka).WaitFor(cassandra);

builder.AddProject("api", ServiceProjects.Api)
    .WithHttpEndpoint(5080)
    .WithReference(postgres).WithReference(cassandra)
    .WaitFor(postgres).WaitFor(cassandra);

return await builder.Build().RunAsync();
