namespace UserStream.Cql;

/// <summary>A node the cluster talks to, and whether it is considered up.</summary>
public sealed class Host
{
    private readonly IReconnectionPolicy _reconnectionPolicy;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private IReconnectionSchedule? _schedule;

    internal Host(string hostName, int port, IReconnectionPolicy reconnectionPolicy, TimeProvider time)
    {
        HostName = hostName;
        Port = port;
        _reconnectionPolicy = reconnectionPolicy;
        _time = time;
    }

    /// <summary>Host name or IP address as configured.</summary>
    public string HostName { get; }

    /// <summary>The native protocol port.</summary>
    public int Port { get; }

    /// <summary>"host:port".</summary>
    public string Address => HostName.Contains(':') ? $"[{HostName}]:{Port}" : $"{HostName}:{Port}";

    /// <summary>The data centre the node said it is in (its <c>system.local</c>); null until a session has asked it.</summary>
    public string? DataCenter { get; internal set; }

    /// <summary>False after connecting to the host failed, until a later attempt succeeds.</summary>
    public bool IsUp { get; private set; } = true;

    /// <summary>When a host that is down will next be tried; null while up.</summary>
    public DateTimeOffset? NextReconnectionAttempt { get; private set; }

    /// <summary>Whether requests may go to this host now: it is up, or down and due for another try.</summary>
    internal bool IsAvailable
    {
        get
        {
            lock (_gate) return IsUp || _time.GetUtcNow() >= NextReconnectionAttempt;
        }
    }

    internal void MarkDown()
    {
        lock (_gate)
        {
            // A fresh schedule when the host just went down; the same one, growing, while it stays down.
            if (IsUp || _schedule is null) _schedule = _reconnectionPolicy.NewSchedule();
            IsUp = false;
            NextReconnectionAttempt = _time.GetUtcNow().AddMilliseconds(_schedule.NextDelayMs());
        }
    }

    internal void MarkUp()
    {
        lock (_gate)
        {
            IsUp = true;
            _schedule = null;
            NextReconnectionAttempt = null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Address;
}
