using UserStream.Contracts.Messages;
using UserStream.UserStore;

namespace UserStream.Processor.Transform;

/// <summary>Turns a validated user-created/v1 message into the row the user store keeps.</summary>
public static class StoredUserMapper
{
    /// <summary>Maps a message that <see cref="Contracts.RandomUser.RandomUserValidator"/> accepted.</summary>
    public static StoredUser ToStoredUser(UserCreatedV1 message)
    {
        var user = message.User;
        return new StoredUser(
            Id: Guid.Parse(user.Login!.Uuid!),
            FirstName: user.Name!.First!.Trim(),
            LastName: user.Name.Last!.Trim(),
            Gender: user.Gender,
            Address: FormatAddress(user.Location!),
            PostCode: user.Location!.Postcode!,
            Email: user.Email!.Trim().ToLowerInvariant(),
            Username: user.Login.Username!,
            Dob: user.Dob!.Date!.Value.ToUniversalTime(),
            RegisteredDate: user.Registered!.Date!.Value.ToUniversalTime(),
            Phone: user.Phone,
            Picture: user.Picture?.Medium,
            Nationality: user.Nat!.ToUpperInvariant(),
            IngestedAt: message.IngestedAt.ToUniversalTime(),
            RunId: message.RunId);
    }

    /// <summary>"{number} {street}, {city}, {state}, {country}".</summary>
    public static string FormatAddress(Contracts.RandomUser.Location location) =>
        $"{location.Street!.Number} {location.Street.Name!.Trim()}, {location.City!.Trim()}, {location.State!.Trim()}, {location.Country!.Trim()}";
}
