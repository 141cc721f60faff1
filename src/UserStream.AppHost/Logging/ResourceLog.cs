namespace UserStream.AppHost.Logging;

/// <summary>Where a resource's output goes: masked, kept in its bounded buffer, echoed to the console.</summary>
public sealed class ResourceLog(string resource, SecretMasker masker, ConsoleEcho? echo, int capacity = LogBuffer.DefaultCapacity)
{
    public LogBuffer Buffer { get; } = new(capacity);

    public void Write(string text, bool isError = false)
    {
        var masked = masker.Apply(text);
        Buffer.Add(new LogLine(DateTimeOffset.UtcNow, masked, isError));
        echo?.Write(resource, masked, isError);
    }

    /// <summary>The last lines as one block, for error messages that say why something did not come up.</summary>
    public string LastLines(int count = 15) =>
        string.Join(Environment.NewLine, Buffer.Tail(count).Select(l => "    " + l.Text));
}
