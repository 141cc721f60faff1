using System.Net;

namespace UserStream.Cql.TestServer.Data;

/// <summary>What a node says about itself in <c>system.local</c> and what the other nodes list about it in <c>system.peers</c>.</summary>
internal sealed record NodeIdentity(IPAddress Address, Guid HostId, string DataCenter, string ReleaseVersion, long Token);
