using System.Net;
using UserStream.Testing;

namespace UserStream.Api.Tests;

/// <summary>With Security:ProtectReads on, as on any shared deployment, every read of users needs the API key.</summary>
public sealed class ProtectedReadsTests
{
    [Fact]
    public async Task Reads_answer_401_without_the_key_and_200_with_it_while_health_stays_open()
    {
        await using var api = await ServiceProcess.StartAsync("Api", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = await SharedInfrastructure.CreateDatabaseAsync(),
            ["Security__ProtectReads"] = "true",
        });
        using var stranger = api.CreateAnonymousClient();
        using var operatorClient = api.CreateClient();
        await Eventually.ReturnsAsync(() => operatorClient.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "api healthy");

        foreach (var url in new[] { "users", $"users/{Guid.NewGuid()}", "users/by-email/someone@example.com" })
        {
            using var refused = await stranger.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync("users")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"users/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("health")).StatusCode);
    }
}
