using UserStream.Contracts.RandomUser;

namespace UserStream.Source.Api;

/// <summary>
/// The top-level fields of a user that <c>inc</c> and <c>exc</c> may name. Left-out fields are set to
/// null, which the contract's JSON options leave out of the output.
/// </summary>
public sealed class UserFields
{
    public static readonly IReadOnlyList<string> Names =
        ["gender", "name", "location", "email", "login", "registered", "dob", "phone", "cell", "id", "picture", "nat"];

    private readonly HashSet<string> _included;

    public UserFields(IEnumerable<string> included) =>
        _included = new HashSet<string>(included, StringComparer.OrdinalIgnoreCase);

    public static UserFields All { get; } = new(Names);

    public bool Includes(string field) => _included.Contains(field);

    public RandomUserRecord Apply(RandomUserRecord user) =>
        _included.Count == Names.Count
            ? user
            : user with
            {
                Gender = Includes("gender") ? user.Gender : null,
                Name = Includes("name") ? user.Name : null,
                Location = Includes("location") ? user.Location : null,
                Email = Includes("email") ? user.Email : null,
                Login = Includes("login") ? user.Login : null,
                Registered = Includes("registered") ? user.Registered : null,
                Dob = Includes("dob") ? user.Dob : null,
                Phone = Includes("phone") ? user.Phone : null,
                Cell = Includes("cell") ? user.Cell : null,
                Id = Includes("id") ? user.Id : null,
                Picture = Includes("picture") ? user.Picture : null,
                Nat = Includes("nat") ? user.Nat : null,
            };
}
