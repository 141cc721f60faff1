using UserStream.FailingService;
using UserStream.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddHostedService<FailingLoop>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
