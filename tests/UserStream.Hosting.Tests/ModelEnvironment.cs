using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace UserStream.Hosting.Tests;

/// <summary>The environment a resource of the app model would be started with, evaluated in process.</summary>
internal static class ModelEnvironment
{
    public static string? Value(IResource resource, string name)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
            callback.Callback(context);
        return context.EnvironmentVariables.TryGetValue(name, out var value) ? value?.ToString() : null;
    }
}
