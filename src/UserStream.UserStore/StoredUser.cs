namespace UserStream.UserStore;

/// <summary>A user as the pipeline stores it: the flattened, normalised form of a randomuser record.</summary>
public sealed record StoredUser(
    Guid Id,
    string FirstName,
    string LastName,
    string? Gender,
    string Address,
    string PostCode,
    string Email,
    string Username,
    DateTimeOffset Dob,
    DateTimeOffset RegisteredDate,
    string? Phone,
    string? Picture,
    string Nationality,
    DateTimeOffset IngestedAt,
    Guid RunId);
