using Microsoft.Extensions.Configuration;
using UserStream.AppHost.Configuration;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;

namespace UserStream.Tests.AppHost;

public class ApplicationPlannerTests
{
    private static readonly ServiceProject Project = new("UserStream.Fake", "/p", "Debug", "net10.0");

    private static AppHostSettings Settings(params (string Key, string Value)[] values) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    private static (List<Resource> Resources, ProjectResource Api) Model()
    {
        var postgres = new InfrastructureResource("postgres", InfrastructureKind.Postgres);
        var kafka = new InfrastructureResource("kafka", InfrastructureKind.Kafka);
        var api = new ProjectResource("api", Project) { DefaultHttpPort = 5080 };
        api.WaitsFor.AddRange([postgres, kafka]);
        return ([api, postgres, kafka], api);
    }

    [Fact]
    public async Task Connection_strings_forced_modes_and_port_settings_shape_the_plan()
    {
        var (resources, api) = Model();
        var settings = Settings(
            ("ConnectionStrings:postgres", "Host=db;Password=pw"),
            ("Resources:kafka:Mode", "local"),
            ("Ports:api", "6080"),
            ("Ports:dashboard", "19999"));

        var plan = await ApplicationPlanner.PlanAsync(resources, settings, new ModeSelector(() => Task.FromResult<string?>(null)), otlpReceiverPort: 14318);

        Assert.Equal(["postgres", "kafka", "api"], plan.Order.Select(r => r.Name));
        Assert.Equal(ResourceMode.External, plan.Modes[resources[1]]);
        Assert.Equal(ResourceMode.Local, plan.Modes[resources[2]]);
        Assert.Equal(6080, plan.Ports[api]);
        Assert.Equal(19999, plan.DashboardPort);
        Assert.Equal("http://127.0.0.1:14318", plan.OtlpEndpoint);
        Assert.Contains(new PlannedPort("api", 6080, "Ports:api"), plan.PlannedPorts);
        Assert.Contains(new PlannedPort("otlp", 14318, "Ports:otlp"), plan.PlannedPorts);
        Assert.DoesNotContain(plan.PlannedPorts, p => p.Owner is "postgres" or "kafka");
    }

    [Fact]
    public async Task Without_settings_services_get_their_default_ports_and_local_postgres_a_port_of_its_own()
    {
        var (resources, api) = Model();

        var plan = await ApplicationPlanner.PlanAsync(resources, Settings(), new ModeSelector(() => Task.FromResult<string?>(null)), null);

        Assert.Equal(5080, plan.Ports[api]);
        Assert.Equal(AppHostSettings.DefaultDashboardPort, plan.DashboardPort);
        Assert.True(plan.Ports[resources[1]] > 0);
        Assert.False(plan.Ports.ContainsKey(resources[2]));
        Assert.Null(plan.ContainerEngine);
    }

    [Fact]
    public async Task A_port_setting_that_is_not_a_port_is_rejected_with_its_key()
    {
        var (resources, _) = Model();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ApplicationPlanner.PlanAsync(resources, Settings(("Ports:api", "http")), new ModeSelector(() => Task.FromResult<string?>(null)), null));

        Assert.Contains("Ports:api", error.Message);
    }

    [Fact]
    public async Task An_unknown_mode_is_rejected_with_the_choices()
    {
        var (resources, _) = Model();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ApplicationPlanner.PlanAsync(resources, Settings(("Resources:kafka:Mode", "cloud")), new ModeSelector(() => Task.FromResult<string?>(null)), null));

        Assert.Contains("local, container or external", error.Message);
    }
}
