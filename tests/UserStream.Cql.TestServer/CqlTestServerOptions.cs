namespace UserStream.Cql.TestServer;

/// <summary>How a <see cref="CqlTestServer"/> presents itself.</summary>
public sealed record CqlTestServerOptions
{
    /// <summary>When set (with <see cref="Password"/>), clients must authenticate with SASL PLAIN.</summary>
    public string? Username { get; init; }

    /// <summary>The password that goes with <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>Reported as <c>system.local.release_version</c>; drivers pick their schema queries from it.</summary>
    public string ReleaseVersion { get; init; } = "3.11.16";

    /// <summary>Reported as <c>system.local.cluster_name</c>.</summary>
    public string ClusterName { get; init; } = "cql-test-server";

    /// <summary>Reported as <c>system.local.data_center</c>.</summary>
    public string DataCenter { get; init; } = "datacenter1";

    /// <summary>Reported as <c>system.local.host_id</c>.</summary>
    public Guid HostId { get; init; } = Guid.NewGuid();

    /// <summary>When set, the server speaks only TLS, presenting this certificate (with its private key).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>With <see cref="Certificate"/>: the server asks for a client certificate and accepts only one issued by this CA.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificateIssuer { get; init; }

    internal bool RequiresCredentials => Username is not null;
}
