using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UserStream.ServiceDefaults.Security;

/// <summary>What the API key scheme compares the header with.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The service's key (<see cref="ApiKeyDefaults.KeySetting"/>); none: no request carries a valid key.</summary>
    public string? ApiKey { get; set; }
}

/// <summary>
/// ASP.NET Core authentication by the <see cref="ApiKeyDefaults.HeaderName"/> header, compared with the configured key
/// in constant time (over SHA-256 digests, so neither content nor length leaks). A challenge answers 401 with
/// ProblemDetails that say what to send; neither the key sent nor the key expected is ever logged or echoed.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    private const string NoKeyConfigured = "no-key-configured";
    private const string WrongKey = "wrong-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyDefaults.HeaderName, out var sent) || sent.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (string.IsNullOrEmpty(Options.ApiKey))
            return Task.FromResult(AuthenticateResult.Fail(NoKeyConfigured));
        if (sent.Count != 1 || !Matches(sent[0] ?? "", Options.ApiKey))
            return Task.FromResult(AuthenticateResult.Fail(WrongKey));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message switch
        {
            NoKeyConfigured => $"This service has no API key ({ApiKeyDefaults.KeySetting} is not set), so it accepts none. Under the AppHost it is set for you.",
            WrongKey => $"The {ApiKeyDefaults.HeaderName} header does not hold this service's API key.",
            _ => $"Send the API key in the {ApiKeyDefaults.HeaderName} header (the AppHost prints it at start; see the README, \"Security\").",
        };
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeyDefaults.HeaderName}\"";
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "An API key is required",
                Detail = detail,
                Extensions = { ["header"] = ApiKeyDefaults.HeaderName },
            },
        });
    }

    /// <summary>Whether <paramref name="sent"/> is <paramref name="expected"/>, in time that depends on neither.</summary>
    public static bool Matches(string sent, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
