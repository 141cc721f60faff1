using UserStream.Cql.Protocol;
using UserStream.Cql.Protocol.Responses;
using UserStream.Testing;

namespace UserStream.Cql.Tests.Support;

/// <summary>Feeds test frames through the client's own frame reader and decoder.</summary>
internal static class FrameParsing
{
    public static Frame Read(byte[] bytes) =>
        FrameReader.ReadAsync(new MemoryStream(bytes), CancellationToken.None).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("no frame");

    public static Response Decode(byte[] bytes) => ResponseDecoder.Decode(Read(bytes));

    public static T Decode<T>(byte[] bytes) where T : Response => Assert.IsType<T>(Decode(bytes));
}
