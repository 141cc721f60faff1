namespace UserStream.AppHost.Orchestration;

/// <summary>Ready when every probe passes, checked in order (the first failure is the reason).</summary>
public sealed class SequentialProbe(params IReadinessProbe[] probes) : IReadinessProbe
{
    public string Description => string.Join(", then ", probes.Select(p => p.Description));

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var probe in probes)
        {
            try
            {
                await probe.CheckAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && probes.Length > 1)
            {
                throw new InvalidOperationException($"{probe.Description}: {e.GetBaseException().Message}", e);
            }
        }
    }
}
