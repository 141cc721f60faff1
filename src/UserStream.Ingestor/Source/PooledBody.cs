using System.Buffers;

namespace UserStream.Ingestor.Source;

/// <summary>
/// A response body read into a buffer rented from a pool, returned on dispose. Buffering the body the
/// usual way (a growing MemoryStream, then a copy) left about four large-object-heap arrays per page behind for
/// the next full collection: most of the ingestor's heap under load.
/// </summary>
public sealed class PooledBody : IDisposable
{
    private const int FirstSize = 64 * 1024;

    // A pool of its own: the shared pool keeps large arrays per core and thread, so bodies rented on one thread and
    // returned on another kept missing it (and allocating on the large object heap again).
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 16 * 1024 * 1024, maxArraysPerBucket: 4);
    private byte[] _buffer;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public static async Task<PooledBody> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = Pool.Rent(FirstSize);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = Pool.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Pool.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                    return new PooledBody(buffer, length);
                length += read;
            }
        }
        catch
        {
            Pool.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
            Pool.Return(buffer);
    }
}
