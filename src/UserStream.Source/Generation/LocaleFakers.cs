using Bogus;

namespace UserStream.Source.Generation;

/// <summary>
/// One Bogus <see cref="Faker"/> per locale and thread, re-seeded for every user. Building a Faker
/// costs about a millisecond, re-seeding one almost nothing; Fakers are not thread-safe, hence per thread.
/// </summary>
internal sealed class LocaleFakers
{
    [ThreadStatic] private static LocaleFakers? _current;

    private readonly Dictionary<string, Faker> _byLocale = new(StringComparer.Ordinal);

    public static LocaleFakers ForCurrentThread() => _current ??= new LocaleFakers();

    /// <summary>The Faker for <paramref name="locale"/>, drawing from <paramref name="random"/>.</summary>
    public Faker Get(string locale, Randomizer random)
    {
        if (!_byLocale.TryGetValue(locale, out var faker))
            _byLocale[locale] = faker = new Faker(locale);
        faker.Random = random;
        return faker;
    }
}
