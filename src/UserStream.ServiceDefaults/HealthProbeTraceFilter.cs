using System.Diagnostics;
using OpenTelemetry;

namespace UserStream.ServiceDefaults;

/// <summary>Drops the spans of /health and /alive requests: probes every few seconds would drown real traces.</summary>
internal sealed class HealthProbeTraceFilter : BaseProcessor<Activity>
{
    public override void OnEnd(Activity activity)
    {
        if (activity.Source.Name != "Microsoft.AspNetCore")
            return;
        var path = activity.GetTagItem("url.path") as string;
        if (path is Extensions.HealthPath or Extensions.AlivePath)
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
    }
}
