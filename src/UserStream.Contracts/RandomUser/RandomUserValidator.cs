namespace UserStream.Contracts.RandomUser;

/// <summary>
/// Checks that a randomuser record carries everything the pipeline stores. The ingestor uses it to
/// count bad records in a run; the processor uses it to dead-letter a message that lacks them.
/// </summary>
public static class RandomUserValidator
{
    /// <summary>Returns the problems found, empty when the record is valid.</summary>
    public static IReadOnlyList<string> Validate(RandomUserRecord? user)
    {
        if (user is null)
            return ["record is null"];

        var problems = new List<string>();
        void Require(string? value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
                problems.Add($"missing {path}");
        }

        if (string.IsNullOrWhiteSpace(user.Login?.Uuid))
            problems.Add("missing login.uuid");
        else if (!Guid.TryParseExact(user.Login.Uuid, "D", out _))
            problems.Add($"login.uuid is not a UUID: '{Truncate(user.Login.Uuid)}'");

        Require(user.Login?.Username, "login.username");
        Require(user.Name?.First, "name.first");
        Require(user.Name?.Last, "name.last");
        Require(user.Email, "email");
        if (!string.IsNullOrWhiteSpace(user.Email) && !user.Email.Contains('@'))
            problems.Add($"email has no '@': '{Truncate(user.Email)}'");

        if (user.Location?.Street?.Number is null)
            problems.Add("missing location.street.number");
        Require(user.Location?.Street?.Name, "location.street.name");
        Require(user.Location?.City, "location.city");
        Require(user.Location?.State, "location.state");
        Require(user.Location?.Country, "location.country");
        Require(user.Location?.Postcode, "location.postcode");

        if (user.Dob?.Date is null)
            problems.Add("missing dob.date");
        if (user.Registered?.Date is null)
            problems.Add("missing registered.date");
        Require(user.Nat, "nat");
        return problems;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
