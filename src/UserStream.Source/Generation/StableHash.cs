namespace UserStream.Source.Generation;

/// <summary>
/// A hash that is the same in every process and on every machine (string.GetHashCode is randomized
/// per process), so a seed and page always lead to the same users and the same injected faults.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>Hashes a purpose, the request seed, the page and a position within it.</summary>
    public static ulong Of(string purpose, string seed, int page, int index)
    {
        var hash = FnvOffset;
        hash = Add(hash, purpose);
        hash = Add(hash, seed);
        hash = Add(hash, page);
        hash = Add(hash, index);
        return Finalize(hash);
    }

    /// <summary>A value in [0, 1) taken from the hash, for "this fraction of the time" decisions.</summary>
    public static double Fraction(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>A 32-bit seed for Bogus' Randomizer.</summary>
    public static int ToSeed(ulong hash) => unchecked((int)(hash ^ (hash >> 32)));

    private static ulong Add(ulong hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }
        // A separator keeps ("ab", "c") and ("a", "bc") apart.
        return (hash ^ 0xFF) * FnvPrime;
    }

    private static ulong Add(ulong hash, int value)
    {
        for (var shift = 0; shift < 32; shift += 8)
            hash = (hash ^ (byte)(value >> shift)) * FnvPrime;
        return hash;
    }

    // FNV alone mixes the last bytes poorly; this avalanche step (from MurmurHash3) spreads them.
    private static ulong Finalize(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53;
        hash ^= hash >> 33;
        return hash;
    }
}
