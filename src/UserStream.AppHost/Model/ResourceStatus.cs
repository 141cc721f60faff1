using UserStream.AppHost.Logging;

namespace UserStream.AppHost.Model;

/// <summary>
/// The live state of one resource while the AppHost runs, shared by the orchestrator (writer) and the
/// resource API (reader). Also carries the two moments dependents wait on: allocated (its address is
/// known) and ready (healthy, or failed before it ever was).
/// </summary>
public sealed class ResourceStatus(Resource resource, ResourceLog log)
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource<ResourceConnection> _allocated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ResourceMode _mode = ResourceMode.Local;
    private ResourceState _state = ResourceState.Starting;
    private IReadOnlyList<string> _endpoints = [];
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();
    private int? _pid;
    private int _restarts;
    private DateTimeOffset? _startedAt;
    private string? _note;

    public Resource Resource { get; } = resource;
    public string Name => Resource.Name;
    public ResourceLog Log { get; } = log;

    /// <summary>Completes with the resource's address once known; dependents build their environment from it.</summary>
    public Task<ResourceConnection> Allocated => _allocated.Task;

    /// <summary>True once dependents may start (healthy, or deliberately not provided); false if it failed before ever becoming healthy.</summary>
    public Task<bool> Ready => _ready.Task;

    public ResourceMode Mode { get { lock (_gate) return _mode; } set { lock (_gate) _mode = value; } }
    public ResourceState State { get { lock (_gate) return _state; } }
    public int Restarts { get { lock (_gate) return _restarts; } }
    public int? Pid { get { lock (_gate) return _pid; } }
    public string? Note { get { lock (_gate) return _note; } }

    public void SetState(ResourceState state, string? note = null)
    {
        lock (_gate)
        {
            _state = state;
            if (note is not null)
                _note = note;
        }
        if (state == ResourceState.Healthy)
            _ready.TrySetResult(true);
        else if (state is ResourceState.Failed or ResourceState.Stopped)
            _ready.TrySetResult(false);
    }

    /// <summary>
    /// For a resource that is deliberately not provided (Cassandra without an engine or a connection
    /// string): stopped, no address, and dependents may go ahead without it.
    /// </summary>
    public void MarkNotProvided(string note)
    {
        lock (_gate)
        {
            _state = ResourceState.Stopped;
            _note = note;
        }
        _allocated.TrySetResult(ResourceConnection.Unavailable);
        _ready.TrySetResult(true);
    }

    public void SetNote(string? note) { lock (_gate) _note = note; }

    public void SetAllocated(ResourceConnection connection, IReadOnlyList<string> endpoints)
    {
        lock (_gate) _endpoints = endpoints;
        _allocated.TrySetResult(connection);
    }

    /// <summary>Marks the resource as never going to have an address (dependents then start without it, or fail).</summary>
    public void SetUnallocated() => _allocated.TrySetResult(ResourceConnection.Unavailable);

    public void SetEnvironment(IReadOnlyDictionary<string, string> environment) { lock (_gate) _environment = environment; }

    public void SetProcess(int? pid)
    {
        lock (_gate)
        {
            _pid = pid;
            if (pid is not null)
                _startedAt = DateTimeOffset.UtcNow;
        }
    }

    public void MarkStarted() { lock (_gate) _startedAt = DateTimeOffset.UtcNow; }

    public int CountRestart() { lock (_gate) return ++_restarts; }

    public ResourceSnapshot Snapshot(SecretMasker masker)
    {
        lock (_gate)
        {
            return new ResourceSnapshot(
                Name,
                Resource.Type,
                _mode.ToString().ToLowerInvariant(),
                _state.ToString().ToLowerInvariant(),
                _endpoints.Select(masker.Apply).ToArray(),
                _environment.ToDictionary(kv => kv.Key, kv => masker.ApplyToVariable(kv.Key, kv.Value)),
                _pid,
                _restarts,
                _startedAt,
                _note is null ? null : masker.Apply(_note));
        }
    }
}
