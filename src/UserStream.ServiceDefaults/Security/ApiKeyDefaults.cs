namespace UserStream.ServiceDefaults.Security;

/// <summary>The names of the API key: its header, its authentication scheme and policy, and its settings.</summary>
public static class ApiKeyDefaults
{
    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The authentication scheme that reads <see cref="HeaderName"/>.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The authorization policy of every endpoint that needs the key.</summary>
    public const string Policy = "ApiKey";

    /// <summary>The setting holding the key (<c>Security__ApiKey</c>; the AppHost sets it from its secret parameter <c>api-key</c>).</summary>
    public const string KeySetting = "Security:ApiKey";

    /// <summary>True: the read endpoints need the key too (off by default for a local run; switch it on for any shared deployment).</summary>
    public const string ProtectReadsSetting = "Security:ProtectReads";
}
