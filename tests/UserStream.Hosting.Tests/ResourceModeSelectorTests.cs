using Microsoft.Extensions.Configuration;
using UserStream.Hosting.Forms;
using UserStream.Testing;

namespace UserStream.Hosting.Tests;

public sealed class ResourceModeSelectorTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_configured_connection_string_makes_the_resource_external()
    {
        var choice = ResourceModeSelector.Select(Config(("ConnectionStrings:kafka", "broker1:9092")), "kafka", () => "docker answers");
        Assert.Equal(ResourceMode.External, choice.Mode);
        Assert.Equal("external: ConnectionStrings:kafka is set", choice.ToString());
    }

    [Theory]
    [InlineData("docker answers", ResourceMode.Container, "container: docker answers")]
    [InlineData(null, ResourceMode.Local, "local: no container runtime answers")]
    public void Without_a_connection_string_a_container_runtime_decides(string? runtime, ResourceMode expected, string shown)
    {
        var choice = ResourceModeSelector.Select(Config(), "postgres", () => runtime);
        Assert.Equal(expected, choice.Mode);
        Assert.Equal(shown, choice.ToString());
    }

    [Fact]
    public void A_forced_mode_wins_over_connection_string_and_runtime()
    {
        var config = Config(("ConnectionStrings:postgres", "Host=db"), ("Resources:postgres:Mode", "Local"));
        var choice = ResourceModeSelector.Select(config, "postgres", () => "docker answers");
        Assert.Equal(ResourceMode.Local, choice.Mode);
        Assert.Equal("local: Resources:postgres:Mode is Local", choice.ToString());
    }

    [Fact]
    public void An_unknown_forced_mode_is_refused_naming_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ResourceModeSelector.Select(Config(("Resources:kafka:Mode", "docker")), "kafka", () => null));
        Assert.Contains("local, container or external", error.Message, StringComparison.Ordinal);
    }
}
