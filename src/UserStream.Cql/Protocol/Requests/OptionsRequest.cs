namespace UserStream.Cql.Protocol.Requests;

/// <summary>OPTIONS: asks what the server supports; empty body.</summary>
internal sealed record OptionsRequest : IRequest
{
    public Opcode Opcode => Opcode.Options;

    public void WriteBody(BodyWriter writer) { }
}
