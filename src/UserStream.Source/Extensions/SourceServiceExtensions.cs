using Microsoft.Extensions.DependencyInjection.Extensions;
using UserStream.Source.Faults;
using UserStream.Source.Generation;

namespace UserStream.Source.Extensions;

/// <summary>The services of the user source.</summary>
public static class SourceServiceExtensions
{
    /// <summary>Where the source listens when neither ASPNETCORE_URLS nor --urls says (see DESIGN.md ports).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5082";

    public static WebApplicationBuilder AddRandomUserSource(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SourceOptions>()
            .Bind(builder.Configuration.GetSection(SourceOptions.SectionName))
            .Validate(o => o.FailureRate is >= 0 and <= 1, "Source:FailureRate must be between 0 and 1.")
            .Validate(o => o.MalformedRate is >= 0 and <= 1, "Source:MalformedRate must be between 0 and 1.")
            .Validate(o => o.OverlongRate is >= 0 and <= 1, "Source:OverlongRate must be between 0 and 1.")
            .Validate(o => o.SlowRate is >= 0 and <= 1, "Source:SlowRate must be between 0 and 1.")
            .Validate(o => o.FailureStatus is 429 or 500 or 502 or 503 or 504, "Source:FailureStatus must be 429, 500, 502, 503 or 504.")
            .Validate(o => o.RetryAfterSeconds >= 0, "Source:RetryAfterSeconds must not be negative.")
            .Validate(o => o.SlowDelay >= TimeSpan.Zero, "Source:SlowDelay must not be negative.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RandomUserGenerator>();
        builder.Services.AddSingleton<FailureInjector>();

        var urlsGiven = !string.IsNullOrWhiteSpace(builder.Configuration["urls"])
            || !string.IsNullOrWhiteSpace(builder.Configuration["http_ports"])
            || builder.Configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!urlsGiven)
            builder.WebHost.UseUrls(DefaultUrl);
        return builder;
    }
}
