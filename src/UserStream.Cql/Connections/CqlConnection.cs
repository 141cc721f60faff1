using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using UserStream.Cql.Protocol;
using UserStream.Cql.Protocol.Requests;

namespace UserStream.Cql.Connections;

/// <summary>
/// One TCP connection to a host speaking protocol v4. Many requests share it at once, each on its own
/// stream id; a single read loop hands each response to the request waiting on its stream id.
/// </summary>
internal sealed class CqlConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _freeSlots;
    private readonly Lock _gate = new();
    private readonly Stack<short> _freeIds;
    private readonly TaskCompletionSource<Frame>?[] _pending;
    private readonly bool[] _abandoned;
    private readonly int _maxAbandoned;
    private int _abandonedCount;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private Exception? _closeReason;
    private int _inFlight;
    private string? _keyspace;
    private Task? _keyspaceSwitch;
    private string? _keyspaceSwitchTarget;

    private CqlConnection(TcpClient client, Stream stream, string address, int maxRequests)
    {
        _client = client;
        _stream = stream;
        Address = address;
        _freeSlots = new SemaphoreSlim(maxRequests, maxRequests);
        _pending = new TaskCompletionSource<Frame>?[maxRequests];
        _abandoned = new bool[maxRequests];
        _maxAbandoned = Math.Max(1, maxRequests / 4);
        _freeIds = new Stack<short>(Enumerable.Range(0, maxRequests).Reverse().Select(i => (short)i));
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>"host:port" of the peer.</summary>
    public string Address { get; }

    /// <summary>The keyspace this connection last switched to with USE (the session's or the caller's own).</summary>
    public string? Keyspace
    {
        get => Volatile.Read(ref _keyspace);
        set => Volatile.Write(ref _keyspace, value);
    }

    /// <summary>
    /// Switches the connection to <paramref name="keyspace"/> with <paramref name="use"/>, once for all the
    /// requests that find it elsewhere at the same time (a connection opened under load has many).
    /// </summary>
    public Task SwitchKeyspaceAsync(string keyspace, Func<Task> use)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (Keyspace == keyspace) return Task.CompletedTask;
            if (_keyspaceSwitch is { } running && _keyspaceSwitchTarget == keyspace) return running;
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _keyspaceSwitch = done.Task;
            _keyspaceSwitchTarget = keyspace;
        }
        _ = RunKeyspaceSwitchAsync(keyspace, use, done);
        return done.Task;
    }

    /// <summary>Requests sent and not yet answered (including ones whose caller timed out).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public bool IsClosed => Volatile.Read(ref _closeReason) is not null;

    /// <summary>Completes when the connection closes, for whatever reason.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects, runs the TLS handshake when <see cref="ConnectionSettings.Ssl"/> is set, then the OPTIONS/STARTUP(/AUTH) handshake.</summary>
    /// <exception cref="TlsException">The TLS handshake failed: the server's certificate was refused, or it does not speak TLS.</exception>
    public static async Task<CqlConnection> OpenAsync(Host host, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(settings.ConnectTimeout);
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host.HostName, host.Port, connectTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new OperationTimedOutException(host.Address, settings.ConnectTimeout);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        Stream stream = client.GetStream();
        if (settings.Ssl is { } ssl)
            stream = await AuthenticateAsync(client, host, ssl, settings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        var connection = new CqlConnection(client, stream, host.Address, settings.MaxRequestsPerConnection);
        try
        {
            await ConnectionHandshake.RunAsync(connection, settings, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // TLS over the connected socket, within the connect timeout; never a fallback to plain text.
    private static async Task<Stream> AuthenticateAsync(TcpClient client, Host host, SslOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string? refusal = null;
        var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        handshakeTimeout.CancelAfter(timeout);
        try
        {
            await tls.AuthenticateAsClientAsync(options.ForHost(host.HostName, problem => refusal = problem), handshakeTimeout.Token).ConfigureAwait(false);
            return tls;
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            client.Dispose();
            throw new TlsException(host.Address, refusal ?? e switch
            {
                OperationCanceledException => $"no TLS handshake within {timeout.TotalSeconds:0.#} s (does the server speak TLS on this port?)",
                _ => $"the handshake broke off ({e.Message}); does the server speak TLS on this port?",
            }, e);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and waits for its response frame, at most <paramref name="timeout"/>.</summary>
    /// <exception cref="OperationTimedOutException">No response in time; the stream id stays reserved until one arrives.</exception>
    /// <exception cref="ConnectionClosedException">The connection closed before the response came.</exception>
    public async Task<Frame> SendAsync(IRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Encode before taking a stream id, so a value that cannot be serialized costs nothing.
        var bytes = RequestEncoder.Encode(request, 0);
        ThrowIfClosed();
        if (!await _freeSlots.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
            throw new OperationTimedOutException(Address, timeout);

        var response = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        short streamId;
        lock (_gate)
        {
            if (_closeReason is not null)
            {
                _freeSlots.Release();
                ThrowIfClosed();
            }
            streamId = _freeIds.Pop();
            _pending[streamId] = response;
        }
        Interlocked.Increment(ref _inFlight);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), streamId);

        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            // Not cancellable: a half-written frame would corrupt the stream for everyone else.
            await _stream.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Close(new ConnectionClosedException(Address, $"writing the request failed: {ex.Message}", ex));
        }
        finally
        {
            _writeLock.Release();
        }

        try
        {
            return await response.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Abandon(streamId, response);
            if (ex is OperationCanceledException) throw;
            throw new OperationTimedOutException(Address, timeout);
        }
    }

    private async Task RunKeyspaceSwitchAsync(string keyspace, Func<Task> use, TaskCompletionSource done)
    {
        try
        {
            await use().ConfigureAwait(false);
            Keyspace = keyspace;
            done.TrySetResult();
        }
        catch (Exception ex)
        {
            done.TrySetException(ex);
        }
        finally
        {
            lock (_gate)
            {
                if (_keyspaceSwitch == done.Task) _keyspaceSwitch = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close(new ConnectionClosedException(Address, "the client closed the connection"));
        try { await _readLoop.ConfigureAwait(false); } catch (Exception) { /* already reported through Close */ }
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var frame = await FrameReader.ReadAsync(_stream, CancellationToken.None).ConfigureAwait(false);
                if (frame is null)
                {
                    Close(new ConnectionClosedException(Address, "the server closed the connection"));
                    return;
                }
                if (frame.VersionNumber != Frame.ProtocolVersion)
                {
                    Close(new UnsupportedProtocolVersionException(Address, frame.VersionNumber, ServerMessageOf(frame)));
                    return;
                }
                // Negative stream ids carry server-pushed events, which this client does not subscribe to.
                if (frame.StreamId >= 0) Complete(frame);
            }
        }
        catch (Exception ex)
        {
            Close(new ConnectionClosedException(Address, ex.Message, ex));
        }
    }

    private void Complete(Frame frame)
    {
        TaskCompletionSource<Frame>? waiter;
        lock (_gate)
        {
            if (frame.StreamId >= _pending.Length || _pending[frame.StreamId] is null) return;
            waiter = _pending[frame.StreamId];
            _pending[frame.StreamId] = null;
            if (_abandoned[frame.StreamId])
            {
                _abandoned[frame.StreamId] = false;
                _abandonedCount--;
            }
            _freeIds.Push(frame.StreamId);
        }
        Interlocked.Decrement(ref _inFlight);
        _freeSlots.Release();
        waiter!.TrySetResult(frame);
    }

    /// <summary>
    /// Keeps the stream id of a request nobody waits for any more reserved until its late answer arrives, so
    /// that answer is never taken for a newer request's. A server that leaves too many unanswered gets the
    /// connection closed, which frees them all.
    /// </summary>
    private void Abandon(short streamId, TaskCompletionSource<Frame> response)
    {
        bool tooMany;
        lock (_gate)
        {
            if (_pending[streamId] != response || _abandoned[streamId]) return;
            _abandoned[streamId] = true;
            tooMany = ++_abandonedCount > _maxAbandoned;
        }
        if (tooMany) Close(new ConnectionClosedException(Address, $"more than {_maxAbandoned} requests went unanswered past their timeout"));
    }

    private void Close(Exception reason)
    {
        List<TaskCompletionSource<Frame>> waiters;
        lock (_gate)
        {
            if (_closeReason is not null) return;
            _closeReason = reason;
            waiters = [.. _pending.OfType<TaskCompletionSource<Frame>>()];
            Array.Clear(_pending);
        }
        _client.Dispose();
        foreach (var waiter in waiters) waiter.TrySetException(reason);
        _closed.TrySetResult();
    }

    private void ThrowIfClosed()
    {
        var reason = Volatile.Read(ref _closeReason);
        if (reason is UnsupportedProtocolVersionException) throw reason;
        if (reason is not null) throw new ConnectionClosedException(Address, "the connection is already closed", reason);
    }

    private static string ServerMessageOf(Frame frame)
    {
        if (frame.Opcode != Opcode.Error) return $"it answered with opcode 0x{(byte)frame.Opcode:X2}";
        try
        {
            var reader = new BodyReader(frame.Body);
            reader.ReadInt();
            return reader.ReadString();
        }
        catch (FrameDecodingException)
        {
            return "its error message could not be read";
        }
    }
}
