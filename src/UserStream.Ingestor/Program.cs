using UserStream.Ingestor.Api;
using UserStream.Ingestor.Extensions;
using UserStream.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestorServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapRunsApi();
app.MapSchemasApi();
app.MapScheduleApi();
app.Run();
