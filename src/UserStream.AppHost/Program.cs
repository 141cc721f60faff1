var builder = DistributedApplication.CreateBuilder(args);

var source = builder.AddProject<Projects.UserStream_Source>("source")
    .WithHttpEndpoint(port: 5082)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.UserStream_Ingestor>("ingestor")
    .WithHttpEndpoint(port: 5081)
    .WithReference(source).WaitFor(source)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.UserStream_Processor>("processor")
    .WithHttpEndpoint(port: 5083)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.UserStream_Api>("api")
    .WithHttpEndpoint(port: 5080)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
