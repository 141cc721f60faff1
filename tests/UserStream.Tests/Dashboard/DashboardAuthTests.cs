using System.Net;

namespace UserStream.Tests.Dashboard;

public sealed class DashboardAuthTests
{
    [Theory]
    [InlineData("/api/traces")]
    [InlineData("/api/logs")]
    [InlineData("/api/metrics")]
    [InlineData("/api/resources")]
    public async Task Api_without_token_is_401(string path)
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var response = await host.Anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-UserStream-Token", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_accepts_the_token_header_and_refuses_a_wrong_one()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var right = await host.Anonymous.SendAsync(WithToken("/api/traces", host.Token));
        using var wrong = await host.Anonymous.SendAsync(WithToken("/api/traces", host.Token + "x"));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Page_without_cookie_redirects_to_login()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var response = await host.Anonymous.GetAsync("/traces");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Ftraces", response.Headers.Location!.OriginalString);
        using var login = await host.Anonymous.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("<form", await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_link_sets_a_cookie_that_opens_pages_and_api()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var login = await host.Anonymous.GetAsync("/login?t=" + host.Token);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(host.Token, cookie);
        var cookiePair = cookie.Split(';')[0];

        foreach (var path in new[] { "/resources", "/api/traces", "/api/resources" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookiePair);
            using var response = await host.Anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Login_with_a_wrong_token_is_401_and_sets_no_cookie()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var response = await host.Anonymous.GetAsync("/login?t=not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/metrics", "/metrics")]
    [InlineData("https://elsewhere.example/", "/")]
    [InlineData("//elsewhere.example/", "/")]
    public async Task Login_returns_only_to_a_local_path(string returnUrl, string expected)
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var response = await host.Anonymous.GetAsync($"/login?t={host.Token}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    private static HttpRequestMessage WithToken(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(DashboardTestHost.TokenHeader, token);
        return request;
    }
}
