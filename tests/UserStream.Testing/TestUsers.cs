using System.Text.Json;
using UserStream.Contracts;
using UserStream.Contracts.Messages;
using UserStream.Contracts.RandomUser;
using UserStream.UserStore;

namespace UserStream.Testing;

/// <summary>Builds valid users and messages for tests; each call gives a different user unless an id is passed.</summary>
public static class TestUsers
{
    private static int _counter;

    public static RandomUserRecord Record(Guid? id = null, string? email = null)
    {
        var n = Interlocked.Increment(ref _counter);
        var uuid = (id ?? Guid.NewGuid()).ToString();
        return new RandomUserRecord
        {
            Gender = n % 2 == 0 ? "female" : "male",
            Name = new PersonName("Ms", $"First{n}", $"Last{n}"),
            Location = new Location
            {
                Street = new Street(100 + n, "Valwood Pkwy"),
                City = "Billings",
                State = "Michigan",
                Country = "United States",
                Postcode = "63104",
                Coordinates = new Coordinates("-69.8246", "134.8719"),
                Timezone = new TimeZoneInfoDto("+9:30", "Adelaide, Darwin"),
            },
            Email = email ?? $"User{n}.{uuid[..8]}@Example.com",
            Login = new Login { Uuid = uuid, Username = $"user{n}" },
            Dob = new DatedAge(new DateTimeOffset(1990, 3, 8, 15, 13, 16, TimeSpan.Zero), 35),
            Registered = new DatedAge(new DateTimeOffset(2010, 7, 9, 5, 51, 59, TimeSpan.Zero), 15),
            Phone = "(272) 790-0888",
            Cell = "(489) 330-2385",
            Id = new NationalId("SSN", "405-88-3636"),
            Picture = new Picture("https://x/l.jpg", "https://x/m.jpg", "https://x/t.jpg"),
            Nat = "US",
        };
    }

    public static UserCreatedV1 Message(RandomUserRecord? record = null, Guid? runId = null) =>
        new(runId ?? Guid.NewGuid(), DateTimeOffset.UtcNow, record ?? Record());

    public static byte[] Json(UserCreatedV1 message) => JsonSerializer.SerializeToUtf8Bytes(message, ContractJson.Options);

    public static StoredUser Stored(Guid? id = null, string? email = null) =>
        global::UserStream.Processor.Transform.StoredUserMapper.ToStoredUser(Message(Record(id, email)));
}
