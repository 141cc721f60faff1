using System.Net;
using System.Text.Json;
using UserStream.Contracts.Messages;

namespace UserStream.Ingestor.Tests;

/// <summary>The ingestor serves the contracts of what it publishes, and a 404 problem for any other.</summary>
public sealed class SchemasApiTests(IngestorProcessFixture fixture) : IClassFixture<IngestorProcessFixture>
{
    [Fact]
    public async Task The_user_created_v1_schema_is_served_as_the_file_in_the_repository()
    {
        using var response = await fixture.Ingestor.CreateAnonymousClient().GetAsync("schemas/user-created/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MessageSchema.SchemaContentType, response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsByteArrayAsync();
        var file = await File.ReadAllBytesAsync(Path.Combine(UserStream.Testing.BuiltProjects.RepositoryRoot(), "src", "UserStream.Contracts", "Schemas", "user-created.v1.json"));
        Assert.Equal(file, served);
        using var schema = JsonDocument.Parse(served);
        Assert.Equal("user-created/v1", schema.RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("schemas/user-created/v2")]
    [InlineData("schemas/user-created/1")]
    [InlineData("schemas/user-deleted/v1")]
    [InlineData("schemas/..%2F..%2Fappsettings/v1")]
    [InlineData("schemas/user-created/v0")]
    public async Task Any_other_schema_is_a_404_problem_naming_the_one_published(string url)
    {
        using var response = await fixture.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("user-created/v1", await response.Content.ReadAsStringAsync());
    }
}
