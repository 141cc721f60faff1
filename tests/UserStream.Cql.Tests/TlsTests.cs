using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using UserStream.Cql;
using UserStream.Cql.TestServer;
using UserStream.Testing;
using UserStream.UserStore.Cassandra;

namespace UserStream.Cql.Tests;

/// <summary>
/// TLS to the CQL test server in its TLS mode, with a CA and certificates made here: the client validates the
/// server's certificate against a configured CA file, refuses one from another CA with a clear error, never falls
/// back to plain text, and sends a client certificate when the server asks for one.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestCa _ca = new("UserStream test CA");
    private readonly TestCa _otherCa = new("Someone else's CA");
    private readonly string _folder = Directory.CreateTempSubdirectory("userstream-tls-").FullName;

    [Fact]
    public async Task The_user_store_works_over_TLS_to_a_server_whose_certificate_the_configured_CA_issued()
    {
        await using var server = CqlTestServer.Start(new CqlTestServerOptions { Certificate = _ca.IssueServer() });
        await using var store = CassandraUserStore.FromConnectionString($"{server.ConnectionString()};Ssl=true;Ssl CA File={Pem(_ca, "ca.pem")}");

        await store.EnsureSchemaAsync();
        var user = TestUsers.Stored();
        await store.UpsertAsync([user]);
        Assert.Equal(user.Email, (await store.GetByIdAsync(user.Id))?.Email);
    }

    [Fact]
    public async Task A_certificate_from_another_CA_is_refused_naming_the_certificate()
    {
        await using var server = CqlTestServer.Start(new CqlTestServerOptions { Certificate = _otherCa.IssueServer() });
        await using var cluster = Cluster.FromConnectionString($"{server.ConnectionString()};Ssl=true;Ssl CA File={Pem(_ca, "ca.pem")}");

        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());
        var tls = Assert.IsType<TlsException>(Assert.Single(error.Errors).Value);
        Assert.Contains("does not chain to the configured CA file", tls.Message, StringComparison.Ordinal);
        Assert.Contains("Someone else's CA", tls.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_CA_file_a_certificate_the_system_does_not_trust_is_refused()
    {
        await using var server = CqlTestServer.Start(new CqlTestServerOptions { Certificate = _ca.IssueServer() });
        await using var cluster = Cluster.FromConnectionString($"{server.ConnectionString()};Ssl=true");

        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());
        Assert.Contains("is not trusted by this system", Assert.Single(error.Errors).Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_requires_TLS_never_falls_back_to_plain_text()
    {
        await using var plain = CqlTestServer.Start();
        await using var cluster = Cluster.FromConnectionString($"{plain.ConnectionString()};Ssl=true;Ssl CA File={Pem(_ca, "ca.pem")}");

        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());
        Assert.Contains("does the server speak TLS", Assert.IsType<TlsException>(Assert.Single(error.Errors).Value).Message, StringComparison.Ordinal);
        Assert.Equal(0, plain.RequestCount(CqlRequestKind.Startup)); // not one CQL frame in the clear
    }

    [Fact]
    public async Task A_plain_text_client_gets_nothing_from_a_TLS_server()
    {
        await using var server = CqlTestServer.Start(new CqlTestServerOptions { Certificate = _ca.IssueServer() });
        await using var cluster = Cluster.Builder().WithConnectionString(server.ConnectionString())
            .WithSocketOptions(new SocketOptions().SetConnectTimeoutMillis(3000).SetReadTimeoutMillis(3000)).Build();

        await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());
        Assert.Equal(0, server.RequestCount(CqlRequestKind.Startup));
    }

    [Fact]
    public async Task A_client_certificate_is_sent_when_the_server_asks_for_one()
    {
        var clientCa = new TestCa("Client CA");
        await using var server = CqlTestServer.Start(new CqlTestServerOptions { Certificate = _ca.IssueServer(), ClientCertificateIssuer = clientCa.Certificate });
        var client = clientCa.IssueClient();
        var certificate = Path.Combine(_folder, "client.pem");
        var key = Path.Combine(_folder, "client.key");
        File.WriteAllText(certificate, client.ExportCertificatePem());
        File.WriteAllText(key, client.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var tls = $"{server.ConnectionString("system")};Ssl=true;Ssl CA File={Pem(_ca, "ca.pem")}";

        await using (var withCertificate = Cluster.FromConnectionString($"{tls};Ssl Client Certificate={certificate};Ssl Client Key={key}"))
            await using (await withCertificate.ConnectAsync()) { }
        await using var without = Cluster.FromConnectionString(tls);
        await Assert.ThrowsAsync<NoHostAvailableException>(() => without.ConnectAsync());
    }

    [Fact]
    public void TLS_files_without_Ssl_true_are_refused_rather_than_ignored() =>
        Assert.Throws<FormatException>(() => CqlConnectionString.Parse("Contact Points=h;Ssl CA File=/etc/ca.pem"));

    private string Pem(TestCa ca, string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, ca.Certificate.ExportCertificatePem());
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A certificate authority made for one test, and the certificates it issues for 127.0.0.1.</summary>
    private sealed class TestCa
    {
        private readonly RSA _key = RSA.Create(2048);

        public TestCa(string name)
        {
            var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        }

        public X509Certificate2 Certificate { get; }

        public X509Certificate2 IssueServer() => Issue("CN=127.0.0.1", "1.3.6.1.5.5.7.3.1", san: true);

        public X509Certificate2 IssueClient() => Issue("CN=userstream-client", "1.3.6.1.5.5.7.3.2", san: false);

        private X509Certificate2 Issue(string subject, string usage, bool san)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
            if (san)
            {
                var names = new SubjectAlternativeNameBuilder();
                names.AddIpAddress(IPAddress.Loopback);
                names.AddDnsName("localhost");
                request.CertificateExtensions.Add(names.Build());
            }
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7f;
            using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(_key, RSASignaturePadding.Pkcs1),
                DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
            // Through PKCS#12 so that SslStream on Linux gets a certificate whose key it can use.
            return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
        }
    }
}
