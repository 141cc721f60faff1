using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using UserStream.ServiceDefaults.Security;

namespace UserStream.ServiceDefaults.Tests;

/// <summary>The API key scheme of AddServiceDefaults on a real Kestrel server: 401 ProblemDetails unless the key is sent.</summary>
public sealed class ApiKeyTests
{
    private const string Key = "a-key-of-the-service-0123456789abcdef";

    [Fact]
    public async Task An_endpoint_that_requires_the_key_answers_401_without_it_or_with_another_and_runs_with_it()
    {
        await using var app = await StartAppAsync(Key);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var missing = await ProblemAsync(await http.PostAsync("act", null));
        Assert.Contains("X-Api-Key", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("X-Api-Key", missing.GetProperty("header").GetString());

        foreach (var wrong in new[] { "wrong", Key + "x", Key[..^1], Key.ToUpperInvariant(), "" })
        {
            var problem = await ProblemAsync(await SendAsync(http, wrong));
            Assert.Contains("does not hold", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Key, problem.GetRawText(), StringComparison.Ordinal);
        }

        using var right = await SendAsync(http, Key);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("done", await right.Content.ReadFromJsonAsync<string>());
        // Endpoints that do not ask for the key do not need it.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("look")).StatusCode);
    }

    [Fact]
    public async Task A_service_without_a_configured_key_accepts_none_and_says_why()
    {
        await using var app = await StartAppAsync(key: null);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var problem = await ProblemAsync(await SendAsync(http, Key));
        Assert.Contains("Security:ApiKey is not set", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("k", "k", true)]
    [InlineData("k", "K", false)]
    [InlineData("k", "kk", false)]
    [InlineData("", "k", false)]
    [InlineData("ключ", "ключ", true)]
    public void Keys_match_only_when_equal(string sent, string expected, bool matches) =>
        Assert.Equal(matches, ApiKeyAuthenticationHandler.Matches(sent, expected));

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "act");
        request.Headers.TryAddWithoutValidation(ApiKeyDefaults.HeaderName, key);
        return http.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            return problem;
        }
    }

    private static async Task<WebApplication> StartAppAsync(string? key)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        if (key is not null)
            builder.Configuration[ApiKeyDefaults.KeySetting] = key;
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapPost("/act", () => Results.Ok("done")).RequireApiKey();
        app.MapGet("/look", () => Results.Ok("seen"));
        await app.StartAsync();
        return app;
    }
}
