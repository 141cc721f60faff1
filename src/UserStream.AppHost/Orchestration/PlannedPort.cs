namespace UserStream.AppHost.Orchestration;

/// <summary>A port the AppHost will listen on (or publish), with the setting that chooses it.</summary>
/// <param name="Owner">Who uses it: a resource name, "dashboard" or "otlp".</param>
/// <param name="Port">The TCP port on 127.0.0.1.</param>
/// <param name="Setting">The configuration key that changes it, e.g. <c>Ports:api</c>.</param>
public sealed record PlannedPort(string Owner, int Port, string Setting);
