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

    /// <summary>Reads <paramref name="stream"/> to its end.</summary>
    /// <exception cref="BodyTooLargeException">the stream holds more than <paramref name="maxBytes"/> bytes (no more than one byte over is read).</exception>
    public static async Task<PooledBody> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        maxBytes = Math.Clamp(maxBytes, 1, Array.MaxLength - 1);
        var buffer = Pool.Rent((int)Math.Min(FirstSize, maxBytes + 1L));
        var length = 0;
        try
        {
            while (true)
            {
                if (length > maxBytes)
                    throw new BodyTooLargeException(maxBytes);
                if (length == buffer.Length)
                {
                    var larger = Pool.Rent((int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
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

    /// <summary>The body is larger than the cap it was read with.</summary>
    public sealed class BodyTooLargeException(int maxBytes) : Exception($"the body is larger than {maxBytes} bytes")
    {
        public int MaxBytes { get; } = maxBytes;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
            Pool.Return(buffer);
    }
}
