using System.Text.Json;
using UserStream.Contracts;
using UserStream.Contracts.RandomUser;
using UserStream.Source.Generation;
using static UserStream.Ingestor.Tests.Source.GeneratorFixtures;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests.Source;

public sealed class RandomUserGeneratorTests
{
    [Fact]
    public void Same_seed_and_page_give_identical_users()
    {
        var first = Generator().Generate(Request(seed: "repeatable", page: 3));
        var second = Generator().Generate(Request(seed: "repeatable", page: 3));

        Assert.Equal(Serialize(first), Serialize(second));
    }

    [Fact]
    public void A_smaller_page_is_a_prefix_of_a_larger_one()
    {
        var small = Generator().Generate(Request(seed: "prefix", results: 10));
        var large = Generator().Generate(Request(seed: "prefix", results: 100));

        Assert.Equal(Serialize(small), Serialize([.. large.Take(10)]));
    }

    [Fact]
    public void Different_page_gives_different_users()
    {
        var page1 = Generator().Generate(Request(page: 1)).Select(u => u.Login!.Uuid).ToHashSet();
        var page2 = Generator().Generate(Request(page: 2)).Select(u => u.Login!.Uuid);

        Assert.DoesNotContain(page2, page1.Contains);
    }

    [Fact]
    public void Different_seed_gives_different_users()
    {
        var a = Generator().Generate(Request(seed: "a")).Select(u => u.Login!.Uuid).ToHashSet();
        var b = Generator().Generate(Request(seed: "b")).Select(u => u.Login!.Uuid);

        Assert.DoesNotContain(b, a.Contains);
    }

    [Fact]
    public void Every_user_passes_the_contract_validator_and_has_every_field()
    {
        var users = Generator().Generate(Request(results: 500));

        Assert.All(users, user =>
        {
            Assert.Empty(RandomUserValidator.Validate(user));
            Assert.NotNull(user.Gender);
            Assert.NotNull(user.Name?.Title);
            Assert.NotNull(user.Location?.Coordinates?.Latitude);
            Assert.NotNull(user.Location?.Coordinates?.Longitude);
            Assert.NotNull(user.Location?.Timezone?.Offset);
            Assert.NotNull(user.Location?.Timezone?.Description);
            Assert.NotNull(user.Login?.Password);
            Assert.NotNull(user.Login?.Salt);
            Assert.NotNull(user.Dob?.Age);
            Assert.NotNull(user.Registered?.Age);
            Assert.NotNull(user.Phone);
            Assert.NotNull(user.Cell);
            Assert.NotNull(user.Id?.Name);
            Assert.NotNull(user.Id?.Value);
            Assert.NotNull(user.Picture?.Large);
            Assert.NotNull(user.Picture?.Medium);
            Assert.NotNull(user.Picture?.Thumbnail);
        });
    }

    [Fact]
    public void Uuids_are_unique_version_4_uuids()
    {
        var uuids = Generator().Generate(Request(results: 2000)).Select(u => Guid.Parse(u.Login!.Uuid!)).ToList();

        Assert.Equal(uuids.Count, uuids.Distinct().Count());
        Assert.All(uuids, uuid => Assert.Equal(4, uuid.Version));
    }

    [Fact]
    public void Password_hashes_are_of_password_plus_salt()
    {
        var login = Generator().Generate(Request(results: 1)).Single().Login!;

        var salted = System.Text.Encoding.UTF8.GetBytes(login.Password + login.Salt);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(salted)), login.Sha256);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(salted)), login.Md5);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(salted)), login.Sha1);
    }

    [Theory]
    [InlineData(Genders.Male, "/men/")]
    [InlineData(Genders.Female, "/women/")]
    public void Gender_filter_gives_only_that_gender_with_matching_portraits(string gender, string portraitFolder)
    {
        var users = Generator().Generate(Request(results: 200, gender: gender));

        Assert.All(users, u =>
        {
            Assert.Equal(gender, u.Gender);
            Assert.Contains(portraitFolder, u.Picture!.Large);
        });
    }

    [Fact]
    public void Without_a_gender_filter_both_genders_appear()
    {
        var genders = Generator().Generate(Request(results: 200)).Select(u => u.Gender).Distinct();

        Assert.Equal([Genders.Female, Genders.Male], genders.Order());
    }

    [Fact]
    public void Nationality_filter_gives_only_those_nationalities()
    {
        var users = Generator().Generate(Request(results: 300, nat: ["fr", "DE"]));

        Assert.Equal(["DE", "FR"], users.Select(u => u.Nat).Distinct().Order());
        Assert.All(users.Where(u => u.Nat == "FR"), u => Assert.Equal("France", u.Location!.Country));
    }

    [Fact]
    public void Without_a_nationality_filter_every_supported_nationality_appears()
    {
        var nats = Generator().Generate(Request(results: 2000)).Select(u => u.Nat!).Distinct().Order();

        Assert.Equal(Nationalities.Codes, nats);
    }

    [Fact]
    public void At_least_the_randomuser_nationalities_are_supported()
    {
        string[] expected = ["AU", "BR", "CA", "CH", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IN", "IR", "MX", "NL", "NO", "NZ", "RS", "TR", "UA", "US"];

        Assert.All(expected, code => Assert.Contains(code, Nationalities.Codes));
    }

    [Theory]
    [InlineData("GB", JsonValueKind.String)]
    [InlineData("CA", JsonValueKind.String)]
    [InlineData("US", JsonValueKind.Number)]
    [InlineData("DE", JsonValueKind.Number)]
    [InlineData("FR", JsonValueKind.Number)]
    [InlineData("AU", JsonValueKind.Number)]
    [InlineData("NO", JsonValueKind.Number)]
    public void Postcode_is_a_string_for_GB_and_CA_and_a_number_elsewhere(string nat, JsonValueKind expected)
    {
        var users = Generator().Generate(Request(results: 100, nat: [nat]));

        using var json = JsonDocument.Parse(Serialize(users));
        Assert.All(json.RootElement.EnumerateArray(), u =>
            Assert.Equal(expected, u.GetProperty("location").GetProperty("postcode").ValueKind));
    }

    [Fact]
    public void Generator_refuses_more_than_the_maximum()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Generator().Generate(Request(results: RandomUserGenerator.MaxResults + 1)));
    }

    private static string Serialize(IReadOnlyList<RandomUserRecord> users) => JsonSerializer.Serialize(users, ContractJson.Options);
}
