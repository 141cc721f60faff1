using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
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

    internal static async Task<Results<JsonHttpResult<RandomUserResponse>, ValidationProblem, ProblemHttpResult>> GetUsers(
        HttpContext context, RandomUserGenerator generator, FailureInjector failures, IOptions<SourceOptions> options)
    {
        var query = RandomUserQueryParser.Parse(context.Request.Query, out var errors);
        if (query is null)
            return TypedResults.ValidationProblem(errors, detail: "Invalid query parameter: " + string.Join(", ", errors.Keys) + ".");

        var request = query.Generation;
        var fault = failures.Decide(request.Seed, request.Page);
        if (fault == InjectedFault.Fail)
        {
            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: options.Value.FailureStatus,
                title: "Injected failure",
                detail: $"Source:FailureRate is set; this request for seed '{request.Seed}' page {request.Page} was chosen to fail.");
        }
        if (fault == InjectedFault.Slow)
            await Task.Delay(options.Value.SlowDelay, context.RequestAborted);

        var users = generator.Generate(request).Select(query.Fields.Apply).ToArray();
        var info = new RandomUserInfo(request.Seed, users.Length, request.Page, Version);
        return TypedResults.Json(new RandomUserResponse(users, info), ContractJson.Options);
    }
}
