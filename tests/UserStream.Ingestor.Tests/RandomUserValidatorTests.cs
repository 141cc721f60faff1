using UserStream.Contracts.RandomUser;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

public class RandomUserValidatorTests
{
    [Fact]
    public void Complete_record_is_valid() => Assert.Empty(RandomUserValidator.Validate(TestUsers.Record()));

    [Fact]
    public void Null_record_is_invalid() => Assert.Equal(["record is null"], RandomUserValidator.Validate(null));

    public static TheoryData<string, Func<RandomUserRecord, RandomUserRecord>> Breakages => new()
    {
        { "missing login.uuid", r => r with { Login = r.Login! with { Uuid = null } } },
        { "login.uuid is not a UUID", r => r with { Login = r.Login! with { Uuid = "not-a-uuid" } } },
        { "missing login.username", r => r with { Login = r.Login! with { Username = " " } } },
        { "missing name.first", r => r with { Name = r.Name! with { First = null } } },
        { "missing name.last", r => r with { Name = null } },
        { "missing email", r => r with { Email = "" } },
        { "email has no '@'", r => r with { Email = "nobody.example.com" } },
        { "missing location.street.number", r => r with { Location = r.Location! with { Street = new Street(null, "Main") } } },
        { "missing location.city", r => r with { Location = r.Location! with { City = null } } },
        { "missing location.postcode", r => r with { Location = r.Location! with { Postcode = null } } },
        { "missing dob.date", r => r with { Dob = new DatedAge(null, 3) } },
        { "missing registered.date", r => r with { Registered = null } },
        { "missing nat", r => r with { Nat = null } },
    };

    [Theory, MemberData(nameof(Breakages))]
    public void Each_missing_or_malformed_field_is_reported_by_name(string expected, Func<RandomUserRecord, RandomUserRecord> breakage)
    {
        var problems = RandomUserValidator.Validate(breakage(TestUsers.Record()));
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_record_is_reported()
    {
        var record = TestUsers.Record() with { Email = null, Nat = null };
        Assert.Equal(2, RandomUserValidator.Validate(record).Count);
    }
}
