using System.Security.Cryptography;
using System.Text;

namespace UserStream.Dashboard.Auth;

/// <summary>
/// Checks the browser token and the cookie that stands for it. The cookie holds a value derived
/// from the token, not the token itself, so a copied cookie does not reveal the login link.
/// </summary>
internal sealed class DashboardToken(string token)
{
    public const string HeaderName = "X-UserStream-Token";
    public const string CookieName = "userstream_dashboard";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);
    private readonly byte[] _cookie = HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "userstream-dashboard-session"u8);

    public string CookieValue => Convert.ToHexStringLower(_cookie);

    public bool Matches(string? candidate) =>
        !string.IsNullOrEmpty(candidate) && _token.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);

    public bool MatchesCookie(string? candidate) =>
        !string.IsNullOrEmpty(candidate)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(CookieValue));
}
