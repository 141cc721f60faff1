using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UserStream.Testing;
using UserStream.UserStore;

namespace UserStream.Api.Tests;

/// <summary>The read API's contract, over HTTP against the real process.</summary>
public sealed class UsersApiContractTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _http = fixture.Client;

    [Fact]
    public async Task Paging_with_every_limit_covers_every_user_exactly_once()
    {
        foreach (var limit in new[] { 1, 10, 50, 500 })
        {
            var seen = new List<Guid>();
            string? token = null;
            do
            {
                var url = $"users?limit={limit}" + (token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}");
                var page = await _http.GetFromJsonAsync<UserPage>(url, JsonSerializerOptions.Web);
                Assert.True(page!.Items.Count <= limit);
                seen.AddRange(page.Items.Select(u => u.Id));
                token = page.NextPageToken;
            }
            while (token is not null);

            Assert.Equal(fixture.Users.Select(u => u.Id).Order(), seen.Order());
        }
    }

    [Fact]
    public async Task Default_page_has_fifty_users_and_a_token()
    {
        var page = await _http.GetFromJsonAsync<UserPage>("users", JsonSerializerOptions.Web);
        Assert.Equal(50, page!.Items.Count);
        Assert.NotNull(page.NextPageToken);
    }

    [Theory]
    [InlineData("users?limit=0", "limit")]
    [InlineData("users?limit=501", "limit")]
    [InlineData("users?limit=ten", "limit")]
    [InlineData("users?pageToken=garbage", "pageToken")]
    [InlineData("users?pageToken=", "pageToken")]
    [InlineData("users/not-a-uuid", "id")]
    [InlineData("users/by-email/no-at-sign", "email")]
    public async Task Bad_parameters_get_a_400_problem_naming_the_parameter(string url, string parameter)
    {
        var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages), $"errors has no '{parameter}'");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task User_is_found_by_id()
    {
        var expected = fixture.Users[3];
        var user = await _http.GetFromJsonAsync<StoredUser>($"users/{expected.Id}", JsonSerializerOptions.Web);
        Assert.Equal(expected.Id, user!.Id);
        Assert.Equal(expected.Email, user.Email);
        Assert.Equal(expected.Address, user.Address);
    }

    [Fact]
    public async Task User_is_found_by_email_in_any_case()
    {
        var expected = fixture.Users[5];
        var user = await _http.GetFromJsonAsync<StoredUser>($"users/by-email/{Uri.EscapeDataString(expected.Email.ToUpperInvariant())}", JsonSerializerOptions.Web);
        Assert.Equal(expected.Id, user!.Id);
    }

    [Theory]
    [InlineData("users/00000000-0000-0000-0000-000000000001")]
    [InlineData("users/by-email/nobody@nowhere.example")]
    public async Task Unknown_user_is_a_404_problem(string url)
    {
        var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        var response = await _http.GetAsync("nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_user_routes()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/users", out _));
        Assert.True(paths.TryGetProperty("/users/{id}", out _));
        Assert.True(paths.TryGetProperty("/users/by-email/{email}", out _));
    }

    [Fact]
    public async Task Health_reports_the_store_and_alive_reports_the_process()
    {
        using var health = JsonDocument.Parse(await _http.GetStringAsync("health"));
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("postgres", health.RootElement.GetProperty("checks").GetProperty("user-store").GetProperty("data").GetProperty("store").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("alive")).StatusCode);
    }
}
