using UserStream.Source.Generation;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests.Source;

public class UserIdsTests
{
    [Fact]
    public void Ids_are_unique_across_many_positions_where_a_32_bit_seed_would_collide()
    {
        // 200,000 positions: with 32-bit seeds a collision is all but certain (p ≈ 0.99).
        var ids = new HashSet<string>();
        for (var run = 0; run < 40; run++)
            for (var i = 0; i < 5000; i++)
                Assert.True(ids.Add(UserIds.For($"bench-{run}", 1, i)), $"duplicate id at run {run}, index {i}");
    }

    [Fact]
    public void Ids_are_stable_version_4_uuids()
    {
        var id = UserIds.For("seed", 2, 3);
        Assert.Equal(id, UserIds.For("seed", 2, 3));
        var guid = Guid.Parse(id);
        Assert.Equal(4, guid.Version);
        Assert.NotEqual(id, UserIds.For("seed", 2, 4));
    }
}
