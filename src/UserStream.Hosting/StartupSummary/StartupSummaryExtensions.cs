using UserStream.Hosting.StartupSummary;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>Adds the start-up summary to the AppHost.</summary>
public static class StartupSummaryExtensions
{
    /// <summary>
    /// Prints, once start-up is done, one line per resource (state and address) and then the dashboard login
    /// URL with its token, so the URL is the last thing a person reads. Not printed under the testing builder
    /// or when writing a manifest.
    /// </summary>
    public static IDistributedApplicationBuilder AddStartupSummary(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsRunMode)
            builder.Services.AddHostedService<StartupSummaryPrinter>();
        return builder;
    }
}
