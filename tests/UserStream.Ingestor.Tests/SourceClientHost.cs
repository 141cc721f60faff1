using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UserStream.Ingestor.Source;
using UserStream.ServiceDefaults;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>
/// The source client composed as the ingestor composes it (ServiceDefaults, then AddRandomUserSourceClient),
/// configured through the same keys: <c>services:source:http:0</c> and <c>Ingestion:Source:*</c>.
/// </summary>
internal sealed class SourceClientHost : IDisposable
{
    private readonly IHost _host;

    private SourceClientHost(IHost host, CollectingLoggerProvider logs)
    {
        _host = host;
        Logs = logs;
    }

    public RandomUserSourceClient Client => _host.Services.GetRequiredService<RandomUserSourceClient>();

    public IServiceProvider Services => _host.Services;

    public CollectingLoggerProvider Logs { get; }

    public static SourceClientHost Create(Uri source, SourceClientOptions options)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:source:http:0"] = source.ToString(),
            [$"{SourceClientOptions.Section}:PageSize"] = options.PageSize.ToString(CultureInfo.InvariantCulture),
            [$"{SourceClientOptions.Section}:MaxRetries"] = options.MaxRetries.ToString(CultureInfo.InvariantCulture),
            [$"{SourceClientOptions.Section}:RetryDelay"] = options.RetryDelay.ToString("c", CultureInfo.InvariantCulture),
            [$"{SourceClientOptions.Section}:AttemptTimeout"] = options.AttemptTimeout.ToString("c", CultureInfo.InvariantCulture),
            [$"{SourceClientOptions.Section}:Nationalities"] = options.Nationalities,
            [$"{SourceClientOptions.Section}:MaxPageBytes"] = options.MaxPageBytes.ToString(CultureInfo.InvariantCulture),
        });
        var logs = new CollectingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.AddServiceDefaults();
        builder.AddRandomUserSourceClient();
        return new SourceClientHost(builder.Build(), logs);
    }

    public void Dispose() => _host.Dispose();
}
