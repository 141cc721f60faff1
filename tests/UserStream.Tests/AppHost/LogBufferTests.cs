using UserStream.AppHost.Logging;

namespace UserStream.Tests.AppHost;

public class LogBufferTests
{
    private static LogLine Line(string text) => new(DateTimeOffset.UnixEpoch, text, false);

    [Fact]
    public void Keeps_only_the_most_recent_lines()
    {
        var buffer = new LogBuffer(capacity: 3);
        foreach (var text in new[] { "1", "2", "3", "4", "5" })
            buffer.Add(Line(text));

        Assert.Equal(["3", "4", "5"], buffer.Tail().Select(l => l.Text));
    }

    [Fact]
    public void Tail_returns_the_last_lines_oldest_first()
    {
        var buffer = new LogBuffer(capacity: 10);
        foreach (var text in new[] { "a", "b", "c" })
            buffer.Add(Line(text));

        Assert.Equal(["b", "c"], buffer.Tail(2).Select(l => l.Text));
        Assert.Equal(["a", "b", "c"], buffer.Tail(50).Select(l => l.Text));
    }

    [Fact]
    public void A_resource_log_masks_before_keeping_and_echoing()
    {
        var masker = new SecretMasker();
        masker.Register("generated-secret");
        var console = new StringWriter();
        var log = new ResourceLog("postgres", masker, new ConsoleEcho(console, useColour: false));

        log.Write("password is generated-secret; Password=other");

        Assert.Equal("password is ****; Password=****", log.Buffer.Tail().Single().Text);
        Assert.Contains("postgres", console.ToString());
        Assert.Contains("| password is ****; Password=****", console.ToString());
        Assert.DoesNotContain("generated-secret", console.ToString());
    }
}
