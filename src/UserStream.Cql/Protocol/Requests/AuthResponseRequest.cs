using System.Text;

namespace UserStream.Cql.Protocol.Requests;

/// <summary>AUTH_RESPONSE: one SASL token for the server's authenticator.</summary>
internal sealed record AuthResponseRequest(byte[]? Token) : IRequest
{
    /// <summary>SASL PLAIN, what Cassandra's PasswordAuthenticator expects: NUL, user, NUL, password.</summary>
    public static AuthResponseRequest PlainText(string username, string password) =>
        new(Encoding.UTF8.GetBytes($"\0{username}\0{password}"));

    public Opcode Opcode => Opcode.AuthResponse;

    public void WriteBody(BodyWriter writer) => writer.WriteBytes(Token);
}
