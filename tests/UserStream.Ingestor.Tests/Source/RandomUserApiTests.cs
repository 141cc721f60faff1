using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UserStream.Contracts;
using UserStream.Contracts.RandomUser;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests.Source;

public sealed class RandomUserApiTests : IAsyncLifetime
{
    private SourceServer _server = null!;

    public async Task InitializeAsync() => _server = await SourceServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/")]
    [InlineData("/api")]
    public async Task Api_answers_one_user_and_info_by_default(string path)
    {
        var body = await GetAsync(path);

        Assert.Single(body.Results);
        Assert.Equal(1, body.Info.Results);
        Assert.Equal(1, body.Info.Page);
        Assert.Equal("1.4", body.Info.Version);
        Assert.False(string.IsNullOrEmpty(body.Info.Seed));
    }

    [Fact]
    public async Task Without_a_seed_each_request_gets_a_fresh_seed_that_replays_it()
    {
        var first = await GetAsync("/api/?results=5");
        var second = await GetAsync("/api/?results=5");
        var replay = await GetAsync($"/api/?results=5&seed={first.Info.Seed}");

        Assert.NotEqual(first.Info.Seed, second.Info.Seed);
        Assert.Equal(Uuids(first), Uuids(replay));
    }

    [Fact]
    public async Task Same_seed_and_page_give_the_same_body()
    {
        var first = await _server.Client.GetStringAsync("/api/?results=20&seed=fixed&page=4");
        var second = await _server.Client.GetStringAsync("/api/?seed=fixed&page=4&results=20");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Different_pages_give_different_users()
    {
        var page1 = await GetAsync("/api/?results=20&seed=paged&page=1");
        var page2 = await GetAsync("/api/?results=20&seed=paged&page=2");

        Assert.Empty(Uuids(page1).Intersect(Uuids(page2)));
        Assert.Equal(2, page2.Info.Page);
    }

    [Fact]
    public async Task Results_above_5000_are_clamped_to_5000()
    {
        var body = await GetAsync("/api/?results=9000&seed=big&inc=login");

        Assert.Equal(5000, body.Results.Count);
        Assert.Equal(5000, body.Info.Results);
    }

    [Fact]
    public async Task Every_field_of_the_1_4_shape_is_present()
    {
        using var json = JsonDocument.Parse(await _server.Client.GetStringAsync("/api/?results=30&seed=shape"));

        string[][] paths =
        [
            ["gender"], ["name", "title"], ["name", "first"], ["name", "last"],
            ["location", "street", "number"], ["location", "street", "name"], ["location", "city"], ["location", "state"],
            ["location", "country"], ["location", "postcode"], ["location", "coordinates", "latitude"],
            ["location", "coordinates", "longitude"], ["location", "timezone", "offset"], ["location", "timezone", "description"],
            ["email"], ["login", "uuid"], ["login", "username"], ["login", "password"], ["login", "salt"], ["login", "md5"],
            ["login", "sha1"], ["login", "sha256"], ["dob", "date"], ["dob", "age"], ["registered", "date"], ["registered", "age"],
            ["phone"], ["cell"], ["id", "name"], ["id", "value"], ["picture", "large"], ["picture", "medium"],
            ["picture", "thumbnail"], ["nat"],
        ];
        Assert.All(json.RootElement.GetProperty("results").EnumerateArray(), user =>
        {
            foreach (var path in paths)
                Assert.True(TryWalk(user, path, out _), "missing " + string.Join('.', path));
            Assert.Equal(JsonValueKind.String, user.GetProperty("location").GetProperty("coordinates").GetProperty("latitude").ValueKind);
            Assert.Equal(JsonValueKind.Number, user.GetProperty("dob").GetProperty("age").ValueKind);
        });
        var info = json.RootElement.GetProperty("info");
        Assert.Equal("shape", info.GetProperty("seed").GetString());
        Assert.Equal(30, info.GetProperty("results").GetInt32());
        Assert.Equal(1, info.GetProperty("page").GetInt32());
        Assert.Equal("1.4", info.GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("gb", JsonValueKind.String)]
    [InlineData("CA", JsonValueKind.String)]
    [InlineData("us", JsonValueKind.Number)]
    [InlineData("nz", JsonValueKind.Number)]
    public async Task Postcode_is_a_string_for_GB_and_CA_and_a_number_elsewhere(string nat, JsonValueKind expected)
    {
        using var json = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/?results=25&nat={nat}"));

        Assert.All(json.RootElement.GetProperty("results").EnumerateArray(), user =>
        {
            Assert.Equal(nat.ToUpperInvariant(), user.GetProperty("nat").GetString());
            Assert.Equal(expected, user.GetProperty("location").GetProperty("postcode").ValueKind);
        });
    }

    [Fact]
    public async Task Gender_and_nationality_filters_combine()
    {
        var body = await GetAsync("/api/?results=100&gender=FEMALE&nat=Fr,dk");

        Assert.All(body.Results, u => Assert.Equal("female", u.Gender));
        Assert.Equal(["DK", "FR"], body.Results.Select(u => u.Nat).Distinct().Order());
    }

    [Fact]
    public async Task Inc_returns_only_the_named_fields()
    {
        using var json = JsonDocument.Parse(await _server.Client.GetStringAsync("/api/?results=3&inc=name,login,nat"));

        Assert.All(json.RootElement.GetProperty("results").EnumerateArray(), user =>
            Assert.Equal(["login", "name", "nat"], user.EnumerateObject().Select(p => p.Name).Order()));
        Assert.Equal(3, json.RootElement.GetProperty("info").GetProperty("results").GetInt32());
    }

    [Fact]
    public async Task Exc_leaves_out_the_named_fields()
    {
        using var json = JsonDocument.Parse(await _server.Client.GetStringAsync("/api/?results=3&exc=login,picture,ID"));

        Assert.All(json.RootElement.GetProperty("results").EnumerateArray(), user =>
        {
            var names = user.EnumerateObject().Select(p => p.Name).ToList();
            Assert.DoesNotContain("login", names);
            Assert.DoesNotContain("picture", names);
            Assert.DoesNotContain("id", names);
            Assert.Contains("email", names);
            Assert.Equal(9, names.Count);
        });
    }

    [Theory]
    [InlineData("results=abc", "results")]
    [InlineData("results=0", "results")]
    [InlineData("results=-5", "results")]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    [InlineData("gender=other", "gender")]
    [InlineData("nat=us,xx", "nat")]
    [InlineData("inc=name,shoesize", "inc")]
    [InlineData("exc=shoesize", "exc")]
    public async Task Bad_parameter_gives_400_problem_naming_it(string query, string parameter)
    {
        using var response = await _server.Client.GetAsync("/api/?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains(parameter, json.RootElement.GetProperty("detail").GetString());
    }

    private async Task<RandomUserResponse> GetAsync(string path) =>
        (await _server.Client.GetFromJsonAsync<RandomUserResponse>(path, ContractJson.Options))!;

    private static IEnumerable<string?> Uuids(RandomUserResponse body) => body.Results.Select(u => u.Login?.Uuid);

    private static bool TryWalk(JsonElement element, string[] path, out JsonElement value)
    {
        value = element;
        foreach (var name in path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                return false;
        }
        return value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined;
    }
}
