namespace UserStream.FailingService;

/// <summary>
/// A background loop that throws <c>FailingLoop:AfterMilliseconds</c> after start when <c>FailingLoop:Fail</c> is
/// true (the default), and otherwise runs until the host stops.
/// </summary>
public sealed class FailingLoop(IConfiguration configuration) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var after = TimeSpan.FromMilliseconds(configuration.GetValue("FailingLoop:AfterMilliseconds", 1000));
        await Task.Delay(after, stoppingToken);
        if (configuration.GetValue("FailingLoop:Fail", true))
            throw new InvalidOperationException("the failing loop failed, as asked");
        await Task.Delay(Timeout.Infinite, stoppingToken);
    }
}
