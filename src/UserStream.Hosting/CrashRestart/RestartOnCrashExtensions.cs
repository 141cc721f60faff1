using UserStream.Hosting.CrashRestart;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>Adds crash restarts to resources; Aspire does not restart a crashed resource by itself.</summary>
public static class RestartOnCrashExtensions
{
    /// <summary>The AppHost configuration section bound to <see cref="CrashRestartPolicy"/>.</summary>
    public const string ConfigurationSection = "RestartOnCrash";

    /// <summary>
    /// Starts the resource again when it crashes, after a backoff; after <see cref="CrashRestartPolicy.MaxCrashes"/>
    /// crashes within <see cref="CrashRestartPolicy.Window"/> (5 in 2 minutes unless <c>RestartOnCrash:*</c> says
    /// otherwise) it stays down and its state in the dashboard says why.
    /// </summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> builder, Action<CrashRestartPolicy>? configure = null)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        var policy = new CrashRestartPolicy();
        builder.ApplicationBuilder.Configuration.GetSection(ConfigurationSection).Bind(policy);
        configure?.Invoke(policy);
        builder.ApplicationBuilder.Services.TryAddSingleton(TimeProvider.System);
        builder.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CrashRestarter>());
        return builder.WithAnnotation(new RestartOnCrashAnnotation(policy));
    }
}
