using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;

namespace UserStream.Tests.AppHost;

public class StartOrderTests
{
    private static readonly ServiceProject Project = new("UserStream.Fake", "/nowhere", "Debug", "net10.0");

    [Fact]
    public void Every_resource_comes_after_what_it_references_or_waits_for()
    {
        var api = new ProjectResource("api", Project);
        var ingestor = new ProjectResource("ingestor", Project);
        var source = new ProjectResource("source", Project);
        var postgres = new InfrastructureResource("postgres", InfrastructureKind.Postgres);
        var kafka = new InfrastructureResource("kafka", InfrastructureKind.Kafka);
        api.WaitsFor.Add(postgres);
        ingestor.References.Add(source);
        ingestor.WaitsFor.AddRange([postgres, kafka]);

        var order = StartOrder.Sort([api, ingestor, source, postgres, kafka]).Select(r => r.Name).ToList();

        Assert.Equal(5, order.Count);
        Assert.True(order.IndexOf("postgres") < order.IndexOf("api"));
        Assert.True(order.IndexOf("postgres") < order.IndexOf("ingestor"));
        Assert.True(order.IndexOf("kafka") < order.IndexOf("ingestor"));
        Assert.True(order.IndexOf("source") < order.IndexOf("ingestor"));
    }

    [Fact]
    public void Independent_resources_keep_the_order_they_were_added_in()
    {
        var a = new InfrastructureResource("a", InfrastructureKind.Kafka);
        var b = new InfrastructureResource("b", InfrastructureKind.Kafka);
        var c = new InfrastructureResource("c", InfrastructureKind.Kafka);

        Assert.Equal(["c", "a", "b"], StartOrder.Sort([c, a, b]).Select(r => r.Name));
    }

    [Fact]
    public void A_cycle_is_rejected_and_named()
    {
        var a = new ProjectResource("a", Project);
        var b = new ProjectResource("b", Project);
        var c = new ProjectResource("c", Project);
        a.WaitsFor.Add(b);
        b.References.Add(c);
        c.WaitsFor.Add(a);

        var error = Assert.Throws<InvalidOperationException>(() => StartOrder.Sort([a, b, c]));

        Assert.Contains("cycle", error.Message);
        Assert.Contains("a -> b -> c -> a", error.Message);
    }

    [Fact]
    public void A_resource_waiting_for_itself_is_a_cycle()
    {
        var a = new ProjectResource("a", Project);
        a.WaitsFor.Add(a);

        Assert.Throws<InvalidOperationException>(() => StartOrder.Sort([a]));
    }

    [Fact]
    public void A_dependency_that_was_never_added_is_rejected()
    {
        var api = new ProjectResource("api", Project);
        api.WaitsFor.Add(new InfrastructureResource("postgres", InfrastructureKind.Postgres));

        var error = Assert.Throws<InvalidOperationException>(() => StartOrder.Sort([api]));

        Assert.Contains("'postgres'", error.Message);
    }

    [Theory]
    [InlineData("Api")]
    [InlineData("my_api")]
    [InlineData("1api")]
    [InlineData("")]
    public void Resource_names_must_be_kebab_case(string name) =>
        Assert.Throws<ArgumentException>(() => new ProjectResource(name, Project));
}
