namespace UserStream.Cql.Protocol.Requests;

/// <summary>EXECUTE: runs a prepared statement by id.</summary>
internal sealed record ExecuteRequest(byte[] PreparedId, QueryParameters Parameters) : IRequest
{
    public Opcode Opcode => Opcode.Execute;

    public void WriteBody(BodyWriter writer)
    {
        writer.WriteShortBytes(PreparedId);
        Parameters.Write(writer);
    }
}
