namespace UserStream.Hosting.Forms;

/// <summary>How an infrastructure resource of the AppHost is provided.</summary>
public enum ResourceMode
{
    /// <summary>An existing server named by <c>ConnectionStrings:&lt;name&gt;</c>; the AppHost starts nothing.</summary>
    External,

    /// <summary>A container started by the container runtime (Docker or Podman).</summary>
    Container,

    /// <summary>A process started from what is installed on this machine.</summary>
    Local,
}
