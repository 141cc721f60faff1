using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;

namespace UserStream.Tests.AppHost;

public class ModeSelectorTests
{
    private sealed class EngineProbe(string? engine)
    {
        public int Calls { get; private set; }

        public Task<string?> DetectAsync()
        {
            Calls++;
            return Task.FromResult(engine);
        }
    }

    [Fact]
    public async Task A_configured_connection_string_makes_it_external_without_asking_for_an_engine()
    {
        var engine = new EngineProbe("docker");

        var mode = await new ModeSelector(engine.DetectAsync).ChooseAsync("kafka", forced: null, connectionString: "broker:9092");

        Assert.Equal(ResourceMode.External, mode);
        Assert.Equal(0, engine.Calls);
    }

    [Fact]
    public async Task Without_a_connection_string_a_container_engine_makes_it_a_container()
    {
        var mode = await new ModeSelector(new EngineProbe("podman").DetectAsync).ChooseAsync("kafka", null, null);

        Assert.Equal(ResourceMode.Container, mode);
    }

    [Fact]
    public async Task Without_either_it_is_local()
    {
        var mode = await new ModeSelector(new EngineProbe(null).DetectAsync).ChooseAsync("kafka", null, null);

        Assert.Equal(ResourceMode.Local, mode);
    }

    [Fact]
    public async Task The_engine_is_probed_once_for_all_resources()
    {
        var engine = new EngineProbe(null);
        var selector = new ModeSelector(engine.DetectAsync);

        await selector.ChooseAsync("postgres", null, null);
        await selector.ChooseAsync("kafka", null, null);
        await selector.ChooseAsync("cassandra", null, null);

        Assert.Equal(1, engine.Calls);
    }

    [Fact]
    public async Task A_forced_mode_wins_over_a_connection_string()
    {
        var mode = await new ModeSelector(new EngineProbe("docker").DetectAsync).ChooseAsync("kafka", ResourceMode.Local, "broker:9092");

        Assert.Equal(ResourceMode.Local, mode);
    }

    [Fact]
    public async Task Forcing_external_without_a_connection_string_says_which_to_set()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ModeSelector(new EngineProbe(null).DetectAsync).ChooseAsync("cassandra", ResourceMode.External, null));

        Assert.Contains("ConnectionStrings__cassandra", error.Message);
    }

    [Fact]
    public async Task Forcing_a_container_without_an_engine_fails()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ModeSelector(new EngineProbe(null).DetectAsync).ChooseAsync("postgres", ResourceMode.Container, null));

        Assert.Contains("docker info", error.Message);
    }
}
