using Microsoft.AspNetCore.Http.HttpResults;
using UserStream.ServiceDefaults.Security;
using UserStream.UserStore;

namespace UserStream.Api.Users;

/// <summary>GET /users (paged), GET /users/{id}, GET /users/by-email/{email}.</summary>
public static class UsersApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/users").WithTags("Users");
        // A store that is down answers 503 with Retry-After, never a 500.
        users.AddEndpointFilter<StoreUnavailableFilter>();
        users.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        users.MapGet("/", ListAsync).WithSummary("Stored users, a page at a time, in a stable order");
        users.MapGet("/{id}", GetByIdAsync).WithSummary("One user by id (randomuser login.uuid)");
        users.MapGet("/by-email/{email}", GetByEmailAsync).WithSummary("One user by e-mail address (case-insensitive)");
        // Every user's e-mail, phone and address: behind the API key wherever others can reach the service.
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().ProtectsReads())
            users.RequireApiKey();
        return app;
    }

    private static async Task<Results<Ok<UserPage>, ValidationProblem>> ListAsync(
        IUserStore store, CancellationToken cancellationToken, string? limit = null, string? pageToken = null)
    {
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out take) || take < 1 || take > MaxLimit))
            return Invalid("limit", $"limit must be a whole number from 1 to {MaxLimit}; got '{limit}'.");
        if (pageToken is { Length: 0 })
            return Invalid("pageToken", "pageToken is empty; omit it to start from the first page.");
        try
        {
            return TypedResults.Ok(await store.ListAsync(take, pageToken, cancellationToken));
        }
        catch (InvalidPageTokenException e)
        {
            return Invalid("pageToken", e.Message);
        }
    }

    private static async Task<Results<Ok<StoredUser>, ValidationProblem, ProblemHttpResult>> GetByIdAsync(
        string id, IUserStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId))
            return Invalid("id", $"'{id}' is not a user id (a UUID such as 7a0eed16-9430-4d68-901f-c0d4c1c3bf00).");
        var user = await store.GetByIdAsync(userId, cancellationToken);
        return user is null ? NotFound($"No user with id {userId}.") : TypedResults.Ok(user);
    }

    private static async Task<Results<Ok<StoredUser>, ValidationProblem, ProblemHttpResult>> GetByEmailAsync(
        string email, IUserStore store, CancellationToken cancellationToken)
    {
        var at = email.IndexOf('@');
        if (email.Length > 320 || at <= 0 || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
            return Invalid("email", $"'{(email.Length > 80 ? email[..80] + "…" : email)}' is not an e-mail address.");
        var user = await store.GetByEmailAsync(email, cancellationToken);
        return user is null ? NotFound($"No user with e-mail {email}.") : TypedResults.Ok(user);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "User not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
