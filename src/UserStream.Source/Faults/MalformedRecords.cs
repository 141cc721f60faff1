using UserStream.Contracts.RandomUser;
using UserStream.Source.Generation;

namespace UserStream.Source.Faults;

/// <summary>
/// Spoils a chosen fraction of records the way a flaky upstream might: a missing <c>login.uuid</c>,
/// a missing <c>email</c>, or a truncated uuid. Which records is decided by the seed, page and position,
/// so a re-fetch returns the same bad records.
/// </summary>
public static class MalformedRecords
{
    public static RandomUserRecord MaybeCorrupt(RandomUserRecord user, double rate, string seed, int page, int index)
    {
        if (rate <= 0)
            return user;
        var hash = StableHash.Of("malformed", seed, page, index);
        if (StableHash.Fraction(hash) >= rate)
            return user;

        var login = user.Login ?? new Login();
        return (hash % 3) switch
        {
            0 => user with { Login = login with { Uuid = null } },
            1 => user with { Email = null },
            _ => user with { Login = login with { Uuid = login.Uuid?[..^4] ?? "not-a-uuid" } },
        };
    }

    /// <summary>Gives a chosen fraction of records a last name of 2,000 characters: valid for the ingestor, too long for the store.</summary>
    public static RandomUserRecord MaybeOverlong(RandomUserRecord user, double rate, string seed, int page, int index)
    {
        if (rate <= 0 || StableHash.Fraction(StableHash.Of("overlong", seed, page, index)) >= rate || user.Name is not { } name)
            return user;
        return user with { Name = name with { Last = new string('x', 2000) } };
    }
}
