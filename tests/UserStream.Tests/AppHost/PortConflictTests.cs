using System.Net;
using System.Net.Sockets;
using UserStream.AppHost.Orchestration;
using UserStream.Hosting;

namespace UserStream.Tests.AppHost;

public class PortConflictTests
{
    [Fact]
    public void A_port_in_use_is_reported_with_the_setting_that_changes_it()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var taken = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var free = FreePort.Next();
        PlannedPort[] ports = [new("api", taken, "Ports:api"), new("source", free, "Ports:source")];

        var conflicts = PortConflicts.Find(ports, FreePort.IsInUse);

        var message = Assert.Single(conflicts);
        Assert.Contains($"Port {taken} (api) is already in use", message);
        Assert.Contains($"--Ports:api=<port>", message);
        Assert.Contains("Ports__api=<port>", message);
    }

    [Fact]
    public void The_same_port_planned_twice_is_a_conflict()
    {
        PlannedPort[] ports = [new("dashboard", 18888, "Ports:dashboard"), new("api", 18888, "Ports:api")];

        var message = Assert.Single(PortConflicts.Find(ports, _ => false));

        Assert.Contains("Port 18888 is planned for both dashboard (Ports:dashboard) and api (Ports:api)", message);
    }

    [Fact]
    public void Free_distinct_ports_are_no_conflict()
    {
        PlannedPort[] ports = [new("a", 1001, "Ports:a"), new("b", 1002, "Ports:b")];

        Assert.Empty(PortConflicts.Find(ports, _ => false));
        PortConflicts.ThrowIfAny(ports, _ => false);
    }

    [Fact]
    public void Throwing_lists_every_conflict()
    {
        PlannedPort[] ports = [new("a", 1001, "Ports:a"), new("b", 1002, "Ports:b")];

        var error = Assert.Throws<InvalidOperationException>(() => PortConflicts.ThrowIfAny(ports, _ => true));

        Assert.Contains("Port 1001 (a)", error.Message);
        Assert.Contains("Port 1002 (b)", error.Message);
    }
}
