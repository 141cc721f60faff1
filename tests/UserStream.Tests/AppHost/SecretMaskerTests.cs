using UserStream.AppHost.Logging;

namespace UserStream.Tests.AppHost;

public class SecretMaskerTests
{
    [Theory]
    [InlineData("Host=db;Username=app;Password=s3cr3t-pw;Database=x", "Host=db;Username=app;Password=****;Database=x")]
    [InlineData("Contact Points=c1;Port=9042;Username=u;Password=hunter22", "Contact Points=c1;Port=9042;Username=u;Password=****")]
    [InlineData("host=db;pwd = abc123;", "host=db;pwd = ****;")]
    [InlineData("PASSWORD=\"with;semicolon\";Host=x", "PASSWORD=****;Host=x")]
    public void Masks_passwords_in_connection_strings(string text, string expected) =>
        Assert.Equal(expected, new SecretMasker().Apply(text));

    [Fact]
    public void Masks_the_password_of_a_url_and_keeps_the_user()
    {
        var masked = new SecretMasker().Apply("connecting to postgres://app:t0ps3cret@db:5432/users");

        Assert.Equal("connecting to postgres://app:****@db:5432/users", masked);
    }

    [Fact]
    public void Masks_a_registered_secret_wherever_it_appears()
    {
        var masker = new SecretMasker();
        masker.Register("a1b2c3d4e5f6");

        var masked = masker.Apply("FATAL: password authentication failed (tried a1b2c3d4e5f6)");

        Assert.Equal("FATAL: password authentication failed (tried ****)", masked);
    }

    [Fact]
    public void Leaves_text_without_secrets_alone()
    {
        const string text = "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

        Assert.Equal(text, new SecretMasker().Apply(text));
    }

    [Theory]
    [InlineData("POSTGRES_PASSWORD", "plain", "****")]
    [InlineData("Dashboard__Token", "abc", "****")]
    [InlineData("MY_API_KEY", "abc", "****")]
    [InlineData("ConnectionStrings__postgres", "Host=h;Password=pw", "Host=h;Password=****")]
    [InlineData("ASPNETCORE_URLS", "http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    public void Masks_variables_named_like_secrets_and_passwords_inside_others(string name, string value, string expected) =>
        Assert.Equal(expected, new SecretMasker().ApplyToVariable(name, value));
}
