using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace UserStream.Cql;

/// <summary>
/// TLS to every host, as DataStax's <c>SSLOptions</c>: the server's certificate is validated against the system's
/// trusted roots, or against the CA certificates of <see cref="CaFile"/> alone; its name must match the host name the
/// client connects to. A client certificate is sent when the server asks for one. There is no fallback to plain text.
/// </summary>
public sealed class SslOptions
{
    /// <summary>A PEM file of the CA certificates that alone may issue the servers' certificates; none: the system's trusted roots.</summary>
    public string? CaFile { get; init; }

    /// <summary>The client certificate (PEM; with its key in <see cref="ClientKeyFile"/>, or in the same file).</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>The PEM private key of <see cref="ClientCertificateFile"/>, when it is in a file of its own.</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>TLS versions the client offers; the system's default (TLS 1.2 and 1.3) when None.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.None;

    internal SslClientAuthenticationOptions ForHost(string hostName, Action<string> reportFailure)
    {
        var roots = CaFile is null ? null : LoadCaFile(CaFile);
        X509CertificateCollection? clientCertificates = ClientCertificateFile is null
            ? null
            : [X509Certificate2.CreateFromPemFile(ClientCertificateFile, ClientKeyFile)];
        return new SslClientAuthenticationOptions
        {
            TargetHost = hostName,
            EnabledSslProtocols = Protocols,
            ClientCertificates = clientCertificates,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                var problem = Validate(certificate as X509Certificate2, chain, errors, roots);
                if (problem is not null)
                    reportFailure(problem);
                return problem is null;
            },
        };
    }

    // Null when the certificate is acceptable, otherwise why not.
    private static string? Validate(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection? roots)
    {
        if (certificate is null)
            return "the server sent no certificate";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return $"the server's certificate ({certificate.Subject}) is not for this host name";
        if (roots is null)
            return errors == SslPolicyErrors.None ? null : $"the server's certificate ({certificate.Subject}) is not trusted by this system: {Describe(chain)}";

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements.Skip(1))
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        return custom.Build(certificate)
            ? null
            : $"the server's certificate ({certificate.Subject}, issued by {certificate.Issuer}) does not chain to the configured CA file: {Describe(custom)}";
    }

    private static string Describe(X509Chain? chain) =>
        chain is null || chain.ChainStatus.Length == 0
            ? "no chain"
            : string.Join("; ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());

    private static X509Certificate2Collection LoadCaFile(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"The CA file {path} could not be read as PEM certificates: {e.Message}", nameof(CaFile), e);
        }
        return roots.Count > 0 ? roots : throw new ArgumentException($"The CA file {path} holds no PEM certificate.", nameof(CaFile));
    }
}
