using Aspire.Hosting.ApplicationModel;

namespace UserStream.Hosting.Forms;

/// <summary>Which form of an infrastructure resource runs, and why; read by the startup summary and shown in the dashboard.</summary>
public sealed class ResourceModeAnnotation(ResourceModeChoice choice) : IResourceAnnotation
{
    /// <summary>The dashboard property that carries <see cref="Choice"/>.</summary>
    public const string PropertyName = "userstream.form";

    /// <summary>The form and the reason.</summary>
    public ResourceModeChoice Choice { get; } = choice;
}
