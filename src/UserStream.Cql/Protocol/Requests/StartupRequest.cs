namespace UserStream.Cql.Protocol.Requests;

/// <summary>STARTUP: opens the session with the chosen CQL version (no compression).</summary>
internal sealed record StartupRequest(IReadOnlyList<KeyValuePair<string, string>> Options) : IRequest
{
    public const string DefaultCqlVersion = "3.0.0";

    public static StartupRequest ForCqlVersion(string cqlVersion) => new([new("CQL_VERSION", cqlVersion)]);

    public Opcode Opcode => Opcode.Startup;

    public void WriteBody(BodyWriter writer) => writer.WriteStringMap(Options);
}
