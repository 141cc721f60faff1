namespace UserStream.Cql.Protocol.Requests;

/// <summary>Builds the complete v4 request frame (header + body) for a message on a stream.</summary>
internal static class RequestEncoder
{
    public static byte[] Encode(IRequest request, short streamId)
    {
        var body = new BodyWriter();
        request.WriteBody(body);
        return new Frame(Frame.ProtocolVersion, FrameFlags.None, streamId, request.Opcode, body.ToArray()).ToBytes();
    }
}
