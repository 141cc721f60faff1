using UserStream.Processor.Transform;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

public class StoredUserMapperTests
{
    [Fact]
    public void Address_is_number_street_city_state_country()
    {
        var location = TestUsers.Record().Location! with
        {
            Street = new Contracts.RandomUser.Street(8929, "Valwood Pkwy"),
            City = "Billings", State = "Michigan", Country = "United States",
        };
        Assert.Equal("8929 Valwood Pkwy, Billings, Michigan, United States", StoredUserMapper.FormatAddress(location));
    }

    [Fact]
    public void Maps_every_stored_field_from_the_message()
    {
        var id = Guid.NewGuid();
        var runId = Guid.NewGuid();
        var record = TestUsers.Record(id, email: "Jennie.Nichols@Example.COM") with { Nat = "gb" };
        var message = TestUsers.Message(record, runId);

        var user = StoredUserMapper.ToStoredUser(message);

        Assert.Equal(id, user.Id);
        Assert.Equal(record.Name!.First, user.FirstName);
        Assert.Equal(record.Name.Last, user.LastName);
        Assert.Equal(record.Gender, user.Gender);
        Assert.Equal("jennie.nichols@example.com", user.Email);
        Assert.Equal(record.Login!.Username, user.Username);
        Assert.Equal("63104", user.PostCode);
        Assert.Equal(record.Dob!.Date, user.Dob);
        Assert.Equal(record.Registered!.Date, user.RegisteredDate);
        Assert.Equal(record.Phone, user.Phone);
        Assert.Equal(record.Picture!.Medium, user.Picture);
        Assert.Equal("GB", user.Nationality);
        Assert.Equal(message.IngestedAt, user.IngestedAt);
        Assert.Equal(runId, user.RunId);
    }
}
