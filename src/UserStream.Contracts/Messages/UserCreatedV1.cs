using System.Text.Json.Serialization;
using UserStream.Contracts.RandomUser;

namespace UserStream.Contracts.Messages;

/// <summary>
/// The value of a <c>users_created</c> message, schema <c>user-created/v1</c>: one validated user in the randomuser
/// shape, cut to what the store keeps and the processor needs, plus where and when the ingestor took it in.
/// Build it with <see cref="FromSource"/>, which leaves out every credential.
/// </summary>
public sealed record UserCreatedV1(
    [property: JsonPropertyName("runId")] Guid RunId,
    [property: JsonPropertyName("ingestedAt")] DateTimeOffset IngestedAt,
    [property: JsonPropertyName("user")] RandomUserRecord User)
{
    /// <summary>
    /// The message for a record as the source returned it, carrying only <c>gender</c>, <c>name</c>, <c>location</c>
    /// (street, city, state, country, postcode), <c>email</c>, <c>login.uuid</c> and <c>login.username</c>,
    /// <c>dob</c>, <c>registered</c>, <c>phone</c>, <c>picture</c> and <c>nat</c>. Never <c>login.password</c>,
    /// <c>salt</c>, <c>md5</c>, <c>sha1</c> or <c>sha256</c>, nor the national <c>id</c>, <c>cell</c>, coordinates or
    /// time zone: nothing stores them, so nothing moves them. Every field left out was optional in v1, so a v1 reader
    /// reads the message as before.
    /// </summary>
    public static UserCreatedV1 FromSource(Guid runId, DateTimeOffset ingestedAt, RandomUserRecord source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(runId, ingestedAt, new RandomUserRecord
        {
            Gender = source.Gender,
            Name = source.Name,
            Location = source.Location is { } location
                ? new Location { Street = location.Street, City = location.City, State = location.State, Country = location.Country, Postcode = location.Postcode }
                : null,
            Email = source.Email,
            Login = source.Login is { } login ? new Login { Uuid = login.Uuid, Username = login.Username } : null,
            Dob = source.Dob,
            Registered = source.Registered,
            Phone = source.Phone,
            Picture = source.Picture,
            Nat = source.Nat,
        });
    }
}
