using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace UserStream.Hosting.Forms;

/// <summary>What the integrations' <c>Add…</c> methods share: the external form's parameter and the form annotation.</summary>
public static class FormExtensions
{
    /// <summary>
    /// The secret parameter <c>&lt;name&gt;-connection-string</c> reading <c>ConnectionStrings:&lt;name&gt;</c>. Fails at once
    /// when it has no value in run mode: Aspire would otherwise make every dependant wait for one in the dashboard.
    /// </summary>
    public static ParameterResource AddConnectionStringParameter(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsRunMode && string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
            throw new InvalidOperationException(
                $"Resources:{name}:Mode is external, but ConnectionStrings:{name} has no value: set it (environment ConnectionStrings__{name}, user secrets or --ConnectionStrings:{name}=...).");
        return builder.AddParameter($"{name}-connection-string", () => builder.Configuration.GetConnectionString(name) ?? "", secret: true).Resource;
    }

    /// <summary>Adds an external form; in a manifest it is a <c>value.v0</c> whose connection string is the secret parameter.</summary>
    public static IResourceBuilder<T> AddExternalServer<T>(this IDistributedApplicationBuilder builder, T resource)
        where T : ExternalServerResource =>
        builder.AddResource(resource).WithManifestPublishingCallback(context =>
        {
            context.Writer.WriteString("type", "value.v0");
            context.WriteConnectionString(resource);
        });

    /// <summary>Records which form runs and why, for the dashboard (a resource property) and the startup summary.</summary>
    public static IResourceBuilder<T> WithResourceMode<T>(this IResourceBuilder<T> builder, ResourceModeChoice choice)
        where T : IResource
    {
        builder.WithAnnotation(new ResourceModeAnnotation(choice));
        if (builder.Resource is IResourceWithoutLifetime)
        {
            // Nothing runs, so nothing else publishes its state: say here what it is.
            return builder.WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "External",
                State = new ResourceStateSnapshot("External", KnownResourceStateStyles.Info),
                Properties = [new ResourcePropertySnapshot(ResourceModeAnnotation.PropertyName, choice.ToString())],
            });
        }
        builder.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(builder.Resource, async (e, ct) =>
        {
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            await notifications.PublishUpdateAsync(e.Resource, s => s with
            {
                Properties = [.. s.Properties.Where(p => p.Name != ResourceModeAnnotation.PropertyName),
                    new ResourcePropertySnapshot(ResourceModeAnnotation.PropertyName, choice.ToString())],
            });
            e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(e.Resource)
                .LogInformation("Runs as {Form}", choice.ToString());
        });
        return builder;
    }
}
