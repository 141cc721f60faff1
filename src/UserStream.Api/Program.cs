using UserStream.Api.Users;
using UserStream.ServiceDefaults;
using UserStream.UserStore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddUserStore();
builder.Services.AddOpenApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapUsersApi();
app.Run();
