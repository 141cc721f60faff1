using System.Net;
using System.Net.Sockets;
using UserStream.Testing;

namespace UserStream.Cql.Tests.Support;

/// <summary>Small helpers for scripted-peer tests.</summary>
internal static class PeerScripts
{
    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Answers QUERY/EXECUTE requests the way <paramref name="answer"/> says; false leaves them to the defaults.</summary>
    public static Func<PeerRequest, PeerConnection, Task<bool>> OnQuery(Func<PeerRequest, byte[]?> answer) => async (request, connection) =>
    {
        if (request.Opcode is not (PeerRequest.Query or PeerRequest.Execute or PeerRequest.Prepare or PeerRequest.Batch)) return false;
        if (request.Text?.StartsWith("USE ", StringComparison.Ordinal) == true) return false;
        var frame = answer(request);
        if (frame is null) return false;
        await connection.SendAsync(frame);
        return true;
    };
}
