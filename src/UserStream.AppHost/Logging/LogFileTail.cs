using System.Text;

namespace UserStream.AppHost.Logging;

/// <summary>Follows a growing log file (like <c>tail -f</c>) for resources that log to a file rather than to stdout.</summary>
public static class LogFileTail
{
    public static async Task FollowAsync(string path, Action<string> onLine, CancellationToken cancellationToken)
    {
        long offset = 0;
        var pending = new StringBuilder();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                offset = ReadNew(path, offset, pending, onLine);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            try { await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken); }
            catch (OperationCanceledException) { break; }
        }
        try { ReadNew(path, offset, pending, onLine); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static long ReadNew(string path, long offset, StringBuilder pending, Action<string> onLine)
    {
        if (!File.Exists(path))
            return offset;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length <= offset)
            return offset;
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        pending.Append(reader.ReadToEnd());
        var text = pending.ToString();
        var lastNewline = text.LastIndexOf('\n');
        if (lastNewline >= 0)
        {
            foreach (var line in text[..lastNewline].Split('\n'))
                onLine(line.TrimEnd('\r'));
            pending.Clear().Append(text[(lastNewline + 1)..]);
        }
        return stream.Length;
    }
}
