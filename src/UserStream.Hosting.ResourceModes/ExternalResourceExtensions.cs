using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace UserStream.Hosting.ResourceModes;

/// <summary>The external form shared by every integration: Aspire's connection-string resource.</summary>
public static class ExternalResourceExtensions
{
    /// <summary>
    /// Adds <paramref name="name"/> as an existing server whose connection string is <c>ConnectionStrings:&lt;name&gt;</c>.
    /// Fails at once when it has no value: Aspire would otherwise make every dependant wait for one in the dashboard.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddExternalResource(this IDistributedApplicationBuilder builder, string name)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
            throw new InvalidOperationException(
                $"Resources:{name}:Mode is external, but ConnectionStrings:{name} has no value: set it (environment ConnectionStrings__{name}, user secrets or --ConnectionStrings:{name}=...).");
        return builder.AddConnectionString(name);
    }
}
