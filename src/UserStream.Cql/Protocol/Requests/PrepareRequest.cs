namespace UserStream.Cql.Protocol.Requests;

/// <summary>PREPARE: asks the server to parse a statement once and return its id.</summary>
internal sealed record PrepareRequest(string Cql) : IRequest
{
    public Opcode Opcode => Opcode.Prepare;

    public void WriteBody(BodyWriter writer) => writer.WriteLongString(Cql);
}
