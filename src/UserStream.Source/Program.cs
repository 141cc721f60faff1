using UserStream.ServiceDefaults;
using UserStream.Source.Api;
using UserStream.Source.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRandomUserSource();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRandomUserApi();
app.Run();
