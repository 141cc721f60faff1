using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using UserStream.Cassandra;
using UserStream.Cql;
using UserStream.Cql.TestServer;
using UserStream.Testing;

namespace UserStream.Cql.Tests.Cassandra;

/// <summary>
/// <c>AddCassandraSession("cassandra")</c>, our Aspire-shaped client registration, against the CQL test server
/// (a test double of Cassandra) over real TCP.
/// </summary>
public sealed class CassandraSessionRegistrationTests
{
    [Fact]
    public void Settings_come_from_the_Aspire_section_and_the_connection_string_wins_over_it()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cassandra"] = "Contact Points=127.0.0.2;Port=9142;Default Keyspace=shop",
            ["Aspire:Cassandra:Session:ConnectionString"] = "Contact Points=ignored",
            ["Aspire:Cassandra:Session:DisableTracing"] = "true",
            ["Aspire:Cassandra:Session:HealthCheckTimeout"] = "00:00:07",
        });

        var settings = host.Services.GetRequiredService<CassandraSessionSettings>();
        Assert.Equal("Contact Points=127.0.0.2;Port=9142;Default Keyspace=shop", settings.ConnectionString);
        Assert.True(settings.DisableTracing);
        Assert.False(settings.DisableHealthChecks);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.HealthCheckTimeout);
        // The keyspace belongs to the session: the cluster has none, so a store can connect before creating it.
        Assert.Null(host.Services.GetRequiredService<Cluster>().DefaultKeyspace);
    }

    [Fact]
    public void The_connection_string_may_come_from_the_Aspire_section_and_configureSettings_has_the_last_word()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["Aspire:Cassandra:Session:ConnectionString"] = "Contact Points=127.0.0.1",
        }, settings => settings.DisableHealthChecks = true);

        Assert.Equal("Contact Points=127.0.0.1", host.Services.GetRequiredService<CassandraSessionSettings>().ConnectionString);
        var registrations = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.DoesNotContain(registrations, r => r.Name == AspireCassandraSessionExtensions.HealthCheckName);
    }

    [Fact]
    public void Without_a_connection_string_registration_fails_naming_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?>()));
        Assert.Contains("ConnectionStrings__cassandra", error.Message);
        Assert.Contains("Aspire:Cassandra:Session:ConnectionString", error.Message);
    }

    [Fact]
    public async Task Health_check_is_healthy_while_a_node_answers_and_unhealthy_with_the_reason_when_none_does()
    {
        await using var cassandra = CqlTestServer.Start();
        using var up = Build(new Dictionary<string, string?> { ["ConnectionStrings:cassandra"] = cassandra.ConnectionString() });
        using var down = Build(new Dictionary<string, string?> { ["ConnectionStrings:cassandra"] = $"Contact Points=127.0.0.1;Port={FreePort.Next()}" });

        var healthy = await up.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var unhealthy = await down.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, healthy.Entries[AspireCassandraSessionExtensions.HealthCheckName].Status);
        var failed = unhealthy.Entries[AspireCassandraSessionExtensions.HealthCheckName];
        Assert.Equal(HealthStatus.Unhealthy, failed.Status);
        Assert.StartsWith("Cassandra unreachable:", failed.Description);
    }

    [Fact]
    public async Task The_session_connects_into_the_connection_strings_keyspace_and_its_requests_are_traced()
    {
        await using var cassandra = CqlTestServer.Start();
        var spans = new ConcurrentQueue<Activity>();
        using var host = Build(new Dictionary<string, string?> { ["ConnectionStrings:cassandra"] = cassandra.ConnectionString("system") },
            configureTracing: tracing => tracing.AddProcessor(new Recorder(spans)));
        _ = host.Services.GetRequiredService<TracerProvider>();

        var session = host.Services.GetRequiredService<ISession>();
        await session.ExecuteAsync("SELECT release_version FROM local WHERE key = 'local'");

        Assert.Equal("system", session.Keyspace);
        Assert.Contains(spans, span => span.Source.Name == CqlInstrumentation.ActivitySourceName && span.DisplayName.StartsWith("SELECT", StringComparison.Ordinal));
    }

    private static IHost Build(IDictionary<string, string?> configuration, Action<CassandraSessionSettings>? configureSettings = null,
        Action<TracerProviderBuilder>? configureTracing = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddCassandraSession("cassandra", configureSettings);
        if (configureTracing is not null)
            builder.Services.ConfigureOpenTelemetryTracerProvider(configureTracing);
        return builder.Build();
    }

    private sealed class Recorder(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }
}
