namespace UserStream.Cql.Protocol.Requests;

/// <summary>A request message: its opcode and how to write its body.</summary>
internal interface IRequest
{
    Opcode Opcode { get; }

    void WriteBody(BodyWriter writer);
}
