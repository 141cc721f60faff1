using Microsoft.AspNetCore.Http.HttpResults;
using UserStream.Contracts;
using UserStream.Contracts.RandomUser;
using UserStream.Source.Faults;
using UserStream.Source.Generation;

namespace UserStream.Source.Api;

/// <summary><c>GET /api/</c>, shaped like randomuser.me's API version 1.4.</summary>
public static class RandomUserApi
{
    public const string Version = "1.4";

    public static IEndpointRouteBuilder MapRandomUserApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api", GetUsers).WithName("GetRandomUsers");
        return app;
    }

    internal static Results<JsonHttpResult<RandomUserResponse>, ValidationProblem, ProblemHttpResult> GetUsers(
        HttpContext context, RandomUserGenerator generator, FailureInjector failures)
    {
        var query = RandomUserQueryParser.Parse(context.Request.Query, out var errors);
        if (query is null)
            return TypedResults.ValidationProblem(errors, detail: "Invalid query parameter: " + string.Join(", ", errors.Keys) + ".");

        var request = query.Generation;
        if (failures.ShouldFail(request.Seed, request.Page))
        {
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Injected failure",
                detail: $"Source:FailureRate is set; this request for seed '{request.Seed}' page {request.Page} was chosen to fail.");
        }

        var users = generator.Generate(request).Select(query.Fields.Apply).ToArray();
        var info = new RandomUserInfo(request.Seed, users.Length, request.Page, Version);
        return TypedResults.Json(new RandomUserResponse(users, info), ContractJson.Options);
    }
}
