using UserStream.Processor.Api;
using UserStream.Processor.Extensions;
using UserStream.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProcessorServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapConsumptionApi();
app.MapDeadLettersApi();
app.MapTopicsApi();
app.Run();
