using System.Security.Cryptography;

namespace UserStream.Ingestor.Runs;

/// <summary>Seeds in the form randomuser.me uses (16 hex digits).</summary>
public static class RunSeeds
{
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
