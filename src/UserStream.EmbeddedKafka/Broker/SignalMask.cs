using System.Runtime.InteropServices;

namespace UserStream.EmbeddedKafka;

/// <summary>
/// Blocks every signal in the calling thread for a scope, so that threads created inside it inherit a mask with all
/// signals blocked (Linux only; elsewhere it does nothing). librdkafka's mock cluster runs its broker on a thread it
/// creates while the cluster is made, and ends that thread (taking the whole broker down: every client then gets
/// "connection refused") when its poll() fails with EINTR. .NET installs handlers for SIGCONT, SIGCHLD, SIGWINCH and
/// others, and the kernel may run one on any thread that does not block the signal: a `kill -CONT` after a
/// `kill -STOP` (an operator or a test pausing the broker) was seen to kill the broker that way.
/// </summary>
internal sealed partial class SignalMask : IDisposable
{
    private const int SigSetMask = 2; // SIG_SETMASK on Linux
    private const int SigSetBytes = 128; // glibc's sigset_t

    private readonly byte[]? _previous;

    private SignalMask(byte[]? previous) => _previous = previous;

    /// <summary>Blocks all signals in this thread until the result is disposed (then the previous mask is restored).</summary>
    public static SignalMask BlockAll()
    {
        if (!OperatingSystem.IsLinux())
            return new SignalMask(null);
        var all = new byte[SigSetBytes];
        var previous = new byte[SigSetBytes];
        if (sigfillset(all) != 0 || pthread_sigmask(SigSetMask, all, previous) != 0)
            throw new InvalidOperationException($"could not block signals for the embedded broker's thread (errno {Marshal.GetLastPInvokeError()})");
        return new SignalMask(previous);
    }

    public void Dispose()
    {
        if (_previous is not null)
            _ = pthread_sigmask(SigSetMask, _previous, null);
    }

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int sigfillset(byte[] set);

    [LibraryImport("libc.so.6")]
    private static partial int pthread_sigmask(int how, byte[] set, byte[]? oldset);
}
