using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bogus;
using UserStream.Contracts.RandomUser;
using BogusGender = Bogus.DataSets.Name.Gender;

namespace UserStream.Source.Generation;

/// <summary>Builds one user of a nationality and gender, drawing every value from one seeded randomizer.</summary>
internal static class UserFactory
{
    // Fixed bounds (not "now") so a seed gives the same dates next year too; only ages move on.
    private static readonly DateTimeOffset OldestBirth = new(1946, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset YoungestBirth = new(2006, 12, 31, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstRegistration = new(2002, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LastRegistration = new(2024, 6, 30, 0, 0, 0, TimeSpan.Zero);
    private const string SaltAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static RandomUserRecord Create(NationalityProfile profile, string gender, Randomizer random, DateTimeOffset now)
    {
        var fakers = LocaleFakers.ForCurrentThread();
        var isMale = gender == Genders.Male;
        var bogusGender = isMale ? BogusGender.Male : BogusGender.Female;

        var first = profile.LocalNames is { } local
            ? Pick(random, isMale ? local.Male : local.Female)
            : fakers.Get(profile.FirstNameLocale, random).Name.FirstName(bogusGender);
        var last = profile.LocalNames?.Last is { } lastNames
            ? Pick(random, lastNames)
            : fakers.Get(profile.LastNameLocale, random).Name.LastName(bogusGender);
        var login = CreateLogin(random, fakers);
        var dob = RandomDate(random, OldestBirth, YoungestBirth);
        var earliestRegistration = dob.AddYears(16) > FirstRegistration ? dob.AddYears(16) : FirstRegistration;
        var registered = RandomDate(random, earliestRegistration, LastRegistration);
        var portrait = random.Number(0, 99);
        var folder = isMale ? "men" : "women";

        return new RandomUserRecord
        {
            Gender = gender,
            Name = new PersonName(Pick(random, isMale ? profile.MaleTitles : profile.FemaleTitles), first, last),
            Location = CreateLocation(profile, random, fakers),
            Email = EmailAddress(first, last, login.Username!),
            Login = login,
            Dob = new DatedAge(dob, WholeYears(dob, now)),
            Registered = new DatedAge(registered, WholeYears(registered, now)),
            Phone = random.Replace(profile.PhonePattern),
            Cell = random.Replace(profile.CellPattern),
            Id = new NationalId(profile.IdName, random.Replace(profile.IdPattern)),
            Picture = new Picture(
                $"https://randomuser.me/api/portraits/{folder}/{portrait}.jpg",
                $"https://randomuser.me/api/portraits/med/{folder}/{portrait}.jpg",
                $"https://randomuser.me/api/portraits/thumb/{folder}/{portrait}.jpg"),
            Nat = profile.Code,
        };
    }

    private static Location CreateLocation(NationalityProfile profile, Randomizer random, LocaleFakers fakers)
    {
        var streetName = profile.LocalStreets is { } streets
            ? Pick(random, streets)
            : fakers.Get(profile.StreetLocale, random).Address.StreetName();
        var region = Pick(random, profile.Regions);
        return new Location
        {
            Street = new Street(random.Number(1, 9999), streetName),
            City = Pick(random, region.Cities),
            State = region.State,
            Country = profile.Country,
            Postcode = Postcode(profile.Postcode, random),
            Coordinates = new Coordinates(
                random.Double(-90, 90).ToString("0.0000", CultureInfo.InvariantCulture),
                random.Double(-180, 180).ToString("0.0000", CultureInfo.InvariantCulture)),
            Timezone = Pick(random, TimeZones.All),
        };
    }

    private static Login CreateLogin(Randomizer random, LocaleFakers fakers)
    {
        var uuid = VersionFourUuid(random);
        var username = Pick(random, UsernameWords.Adjectives) + Pick(random, UsernameWords.Animals) + random.Number(100, 999);
        var password = fakers.Get("en", random).Lorem.Word() + (random.Bool() ? random.Number(1, 99).ToString(CultureInfo.InvariantCulture) : "");
        var salt = random.String2(8, SaltAlphabet);
        var salted = Encoding.UTF8.GetBytes(password + salt);
        return new Login
        {
            Uuid = uuid,
            Username = username,
            Password = password,
            Salt = salt,
            Md5 = Convert.ToHexStringLower(MD5.HashData(salted)),
            Sha1 = Convert.ToHexStringLower(SHA1.HashData(salted)),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(salted)),
        };
    }

    // Bogus' Uuid() is 16 random bytes; randomuser.me's are RFC 4122 version 4, so set the version and variant bits.
    private static string VersionFourUuid(Randomizer random)
    {
        var bytes = random.Bytes(16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private static string Postcode(PostcodeFormat format, Randomizer random) =>
        format.Patterns.Count > 0
            ? random.Replace(Pick(random, format.Patterns))
            : random.Number(format.Min, format.Max).ToString(CultureInfo.InvariantCulture);

    // randomuser.me writes ASCII addresses even for Cyrillic or Persian names, so transliterate first.
    private static string EmailAddress(string first, string last, string username)
    {
        static string Ascii(string name) =>
            new([.. Transliterater.Translate(name).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

        var (a, b) = (Ascii(first), Ascii(last));
        var local = a.Length > 0 && b.Length > 0 ? $"{a}.{b}" : username;
        return local + "@example.com";
    }

    private static DateTimeOffset RandomDate(Randomizer random, DateTimeOffset from, DateTimeOffset to)
    {
        var ticks = random.Long(from.UtcTicks, to.UtcTicks);
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private static int WholeYears(DateTimeOffset from, DateTimeOffset now)
    {
        var years = now.Year - from.Year;
        return now < from.AddYears(years) ? years - 1 : years;
    }

    private static T Pick<T>(Randomizer random, IReadOnlyList<T> items) => items[random.Number(0, items.Count - 1)];
}
