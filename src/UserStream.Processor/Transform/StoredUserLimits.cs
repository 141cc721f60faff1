using System.Globalization;
using UserStream.Contracts.Messages;
using UserStream.Processor.Messages;
using UserStream.UserStore;

namespace UserStream.Processor.Transform;

/// <summary>
/// What a stored user's text may hold, checked before the store sees it, so a value either store would
/// refuse (or index badly) is dead-lettered with a reason of its own instead of failing a whole batch.
/// Limits (characters): <see cref="MaxEmail"/> for the e-mail (RFC 5321's path limit), <see cref="MaxText"/>
/// for every other text (names, address, post code, username, phone, picture URL, nationality, gender).
/// </summary>
public static class StoredUserLimits
{
    public const int MaxText = 1024;
    public const int MaxEmail = 254;

    /// <summary>The first problem of <paramref name="user"/> (with every problem in the detail), or null when it may be stored.</summary>
    public static ParsedMessage.Invalid? Check(StoredUser user)
    {
        var problems = new List<(string Reason, string Detail)>();
        void Text(string field, string? value, int max)
        {
            if (value is null)
                return;
            if (value.Contains('\0'))
                problems.Add((DeadLetterReasons.NulCharacter, $"{field} contains a NUL character (U+0000)"));
            if (value.Length > max)
                problems.Add((DeadLetterReasons.FieldTooLong, string.Create(CultureInfo.InvariantCulture,
                    $"{field} is {value.Length:N0} characters long (at most {max:N0})")));
        }

        Text("name.first", user.FirstName, MaxText);
        Text("name.last", user.LastName, MaxText);
        Text("gender", user.Gender, MaxText);
        Text("location (street, city, state, country)", user.Address, MaxText);
        Text("location.postcode", user.PostCode, MaxText);
        Text("email", user.Email, MaxEmail);
        Text("login.username", user.Username, MaxText);
        Text("phone", user.Phone, MaxText);
        Text("picture.medium", user.Picture, MaxText);
        Text("nat", user.Nationality, MaxText);
        if (problems.Count == 0 && !EmailAddressRule.IsAddress(user.Email))
            problems.Add((DeadLetterReasons.InvalidEmail, $"email '{user.Email}' is not an address"));

        return problems.Count == 0
            ? null
            : new ParsedMessage.Invalid(problems[0].Reason, string.Join("; ", problems.Select(p => p.Detail)));
    }
}
