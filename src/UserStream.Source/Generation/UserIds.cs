using System.Security.Cryptography;
using System.Text;

namespace UserStream.Source.Generation;

/// <summary>
/// The login.uuid of the user at (seed, page, index): a version 4 UUID taken from a SHA-256 of that
/// position. Bogus draws from a 32-bit seed, so two positions collide about once in 50,000 users;
/// ids need the full 122 random bits, or two different users would share one id downstream.
/// </summary>
public static class UserIds
{
    public static string For(string seed, int page, int index)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"user-id|{seed}|{page}|{index}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
