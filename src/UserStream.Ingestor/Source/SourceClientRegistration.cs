using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Refit;
using UserStream.ServiceDefaults;

namespace UserStream.Ingestor.Source;

/// <summary>
/// Registers <see cref="IRandomUserApi"/> with Refit (its build-time generated client) at <c>http://source</c>, which service discovery resolves from
/// <c>services__source__http__0</c>, behind one standard resilience handler configured from <c>Ingestion:Source</c>
/// (it replaces the default one that ServiceDefaults gives every HttpClient, so the two never stack).
/// </summary>
public static class SourceClientRegistration
{
    public const string ServiceName = "source";
    public static readonly Uri BaseAddress = new($"http://{ServiceName}");

    public static IHostApplicationBuilder AddRandomUserSourceClient(this IHostApplicationBuilder builder)
    {
        // Fail at start with the variable to set, rather than at the first run with a DNS error for "source".
        builder.Configuration.GetRequiredServiceUri(ServiceName);
        builder.Services.Configure<SourceClientOptions>(builder.Configuration.GetSection(SourceClientOptions.Section));
        builder.Services.AddSingleton<RandomUserSourceClient>();

#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is the documented way to replace the default handler
        builder.Services.AddRefitGeneratedClient<IRandomUserApi>()
            .ConfigureHttpClient(http =>
            {
                http.BaseAddress = BaseAddress;
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience handler's total timeout bounds a request
            })
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider services) =>
                SourceResilience.Apply(resilience,
                    services.GetRequiredService<IOptions<SourceClientOptions>>().Value,
                    services.GetRequiredService<ILogger<RandomUserSourceClient>>()));
#pragma warning restore EXTEXP0001
        return builder;
    }
}
