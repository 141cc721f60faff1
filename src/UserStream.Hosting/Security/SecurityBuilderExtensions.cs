using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>The secrets the AppHost makes for the services: the API key of the operator's endpoints and the page token key.</summary>
public static class SecurityBuilderExtensions
{
    /// <summary>
    /// A secret parameter (masked in the dashboard) of 32 letters and digits, generated at each start unless
    /// <c>Parameters:&lt;name&gt;</c> gives one (environment <c>Parameters__&lt;name&gt;</c>, user secrets or the command line).
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, [ResourceName] string name, string description)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddParameter(name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true)
            .WithDescription(description);
    }

    /// <summary>
    /// Gives a service the API key its state-changing endpoints require in the <c>X-Api-Key</c> header
    /// (<c>Security__ApiKey</c>), and the AppHost's <c>Security:ProtectReads</c> (default false), which puts its reads
    /// behind the key too.
    /// </summary>
    public static IResourceBuilder<T> WithApiKey<T>(this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> apiKey)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(apiKey);
        return builder.WithEnvironment("Security__ApiKey", apiKey)
            .WithEnvironment("Security__ProtectReads", builder.ApplicationBuilder.Configuration["Security:ProtectReads"] ?? "false");
    }
}
