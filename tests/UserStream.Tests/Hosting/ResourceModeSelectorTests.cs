using Microsoft.Extensions.Configuration;
using UserStream.Hosting.ResourceModes;

namespace UserStream.Tests.Hosting;

public sealed class ResourceModeSelectorTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_configured_connection_string_makes_the_resource_external()
    {
        var mode = ResourceModeSelector.Select(Config(("ConnectionStrings:kafka", "broker1:9092")), "kafka", () => true);
        Assert.Equal(ResourceMode.External, mode);
    }

    [Theory]
    [InlineData(true, ResourceMode.Container)]
    [InlineData(false, ResourceMode.Local)]
    public void Without_a_connection_string_a_container_runtime_decides(bool runtimeAnswers, ResourceMode expected)
    {
        Assert.Equal(expected, ResourceModeSelector.Select(Config(), "postgres", () => runtimeAnswers));
    }

    [Fact]
    public void A_forced_mode_wins_over_connection_string_and_runtime()
    {
        var config = Config(("ConnectionStrings:postgres", "Host=db"), ("Resources:postgres:Mode", "Local"));
        Assert.Equal(ResourceMode.Local, ResourceModeSelector.Select(config, "postgres", () => true));
    }

    [Fact]
    public void An_unknown_forced_mode_is_refused_naming_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ResourceModeSelector.Select(Config(("Resources:kafka:Mode", "docker")), "kafka", () => false));
        Assert.Contains("local, container or external", error.Message, StringComparison.Ordinal);
    }
}
