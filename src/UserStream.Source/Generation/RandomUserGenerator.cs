using Bogus;
using Microsoft.Extensions.Options;
using UserStream.Contracts.RandomUser;
using UserStream.Source.Faults;

namespace UserStream.Source.Generation;

/// <summary>
/// Generates pages of randomuser.me-shaped users. Each user is drawn from its own randomizer seeded
/// by a stable hash of (seed, page, position), so the same request always gives the same users.
/// </summary>
public sealed class RandomUserGenerator(IOptions<SourceOptions> options, TimeProvider clock)
{
    /// <summary>The most users one request may ask for (randomuser.me's limit too).</summary>
    public const int MaxResults = 5000;

    public IReadOnlyList<RandomUserRecord> Generate(GenerationRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Results, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Results, MaxResults);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Page, 1);

        // Sorted, so "nat=us,gb" and "nat=GB,US" give the same users.
        IReadOnlyList<string> codes = request.Nationalities.Count == 0
            ? Nationalities.Codes
            : [.. request.Nationalities.Select(c => c.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal)];
        var malformedRate = options.Value.MalformedRate;
        var now = clock.GetUtcNow();

        var users = new RandomUserRecord[request.Results];
        for (var i = 0; i < users.Length; i++)
        {
            var random = new Randomizer(StableHash.ToSeed(StableHash.Of("user", request.Seed, request.Page, i)));
            var gender = request.Gender ?? (random.Bool() ? Genders.Male : Genders.Female);
            var profile = Nationalities.Get(codes[random.Number(0, codes.Count - 1)]);
            var user = UserFactory.Create(profile, gender, random, now);
            user = user with { Login = user.Login! with { Uuid = UserIds.For(request.Seed, request.Page, i) } };
            user = MalformedRecords.MaybeCorrupt(user, malformedRate, request.Seed, request.Page, i);
            users[i] = MalformedRecords.MaybeOverlong(user, options.Value.OverlongRate, request.Seed, request.Page, i);
        }
        return users;
    }
}
