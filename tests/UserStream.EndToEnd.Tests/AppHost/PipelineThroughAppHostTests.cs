using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>The pipeline as the AppHost starts it: a run asked for at the ingestor comes out of the api.</summary>
[Collection(AppHostCollection.Name)]
public sealed class PipelineThroughAppHostTests(AppHostFixture appHost)
{
    [Fact]
    public async Task Every_user_of_a_run_posted_to_the_ingestor_is_readable_through_the_api()
    {
        using var ingestor = appHost.Client("ingestor");
        using var api = appHost.Client("api");

        var run = await PipelineApi.StartRunAsync(ingestor, 1500, "apphost-" + Guid.NewGuid().ToString("N"));

        await Eventually.ReturnsAsync(() => PipelineApi.CountUsersOfRunAsync(api, run), n => n == 1500,
            TimeSpan.FromMinutes(3), "all 1500 users of the run readable through GET /users");
    }
}
