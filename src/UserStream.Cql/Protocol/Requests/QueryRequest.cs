namespace UserStream.Cql.Protocol.Requests;

/// <summary>QUERY: a CQL string plus parameters.</summary>
internal sealed record QueryRequest(string Cql, QueryParameters Parameters) : IRequest
{
    public Opcode Opcode => Opcode.Query;

    public void WriteBody(BodyWriter writer)
    {
        writer.WriteLongString(Cql);
        Parameters.Write(writer);
    }
}
