using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;

namespace UserStream.Tests.AppHost;

public class ServiceEnvironmentTests
{
    private static readonly ProjectResource Ingestor = new("ingestor", new ServiceProject("UserStream.Ingestor", "/p", "Debug", "net10.0"));

    [Fact]
    public void References_become_the_variables_aspire_uses()
    {
        var environment = ServiceEnvironment.For(Ingestor, 5081,
            [("postgres", new ResourceConnection("Host=h;Port=1", null)), ("kafka", new ResourceConnection("127.0.0.1:9092", null)), ("source", new ResourceConnection(null, "http://127.0.0.1:5082"))],
            otlpEndpoint: null, "Development");

        Assert.Equal("http://127.0.0.1:5081", environment["ASPNETCORE_URLS"]);
        Assert.Equal("Host=h;Port=1", environment["ConnectionStrings__postgres"]);
        Assert.Equal("127.0.0.1:9092", environment["ConnectionStrings__kafka"]);
        Assert.Equal("http://127.0.0.1:5082", environment["services__source__http__0"]);
        Assert.Equal("ingestor", environment["OTEL_SERVICE_NAME"]);
        Assert.StartsWith("service.instance.id=ingestor-", environment["OTEL_RESOURCE_ATTRIBUTES"]);
    }

    [Fact]
    public void Otlp_variables_only_when_there_is_an_endpoint()
    {
        var without = ServiceEnvironment.For(Ingestor, 1, [], null, "Development");
        var with = ServiceEnvironment.For(Ingestor, 1, [], "http://127.0.0.1:4318", "Development");

        Assert.False(without.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal("http://127.0.0.1:4318", with["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", with["OTEL_EXPORTER_OTLP_PROTOCOL"]);
    }

    [Fact]
    public void An_unavailable_resource_gives_no_variable()
    {
        Assert.Empty(ResourceConnection.Unavailable.EnvironmentFor("cassandra"));
    }
}
