using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace UserStream.ServiceDefaults.Security;

/// <summary>
/// The API key of the operator's endpoints, on ASP.NET Core's authentication and authorization: the scheme
/// <see cref="ApiKeyDefaults.Scheme"/> and the policy <see cref="ApiKeyDefaults.Policy"/>, which
/// <see cref="RequireApiKey{TBuilder}"/> puts on an endpoint or a group.
/// </summary>
public static class ApiKeyExtensions
{
    /// <summary>Registers the scheme and the policy, with the key from <see cref="ApiKeyDefaults.KeySetting"/>.</summary>
    public static TBuilder AddApiKeyAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var key = builder.Configuration[ApiKeyDefaults.KeySetting];
        builder.Services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, options => options.ApiKey = key);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.Policy, policy => policy.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>The endpoints need the API key: 401 ProblemDetails without it or with another.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(ApiKeyDefaults.Policy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));

    /// <summary>Whether reads need the key too (<see cref="ApiKeyDefaults.ProtectReadsSetting"/>).</summary>
    public static bool ProtectsReads(this IConfiguration configuration) => configuration.GetValue<bool>(ApiKeyDefaults.ProtectReadsSetting);
}
