using Confluent.Kafka;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using UserStream.Processor.Consuming;

namespace UserStream.Processor.Api;

/// <summary>GET /topics: the pipeline's topics at a glance, as Control Center shows them, for scripts.</summary>
public static class TopicsApi
{
    /// <summary>The group and its topics: <c>users_created</c> with the group's committed offsets and lag, the dead-letter topic with its size.</summary>
    public sealed record TopicsView(string Group, IReadOnlyList<TopicView> Topics);

    public static IEndpointRouteBuilder MapTopicsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/topics", GetAsync).WithTags("Topics")
            .WithSummary("Topics, partitions, watermarks, the group's committed offsets and lag per partition");
        return app;
    }

    private static async Task<Results<Ok<TopicsView>, ProblemHttpResult>> GetAsync(KafkaGroupLagProbe probe, IOptions<ProcessorOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            var topic = await probe.DescribeAsync(settings.Topic, withGroup: true, cancellationToken);
            var deadLetters = await probe.DescribeAsync(settings.DeadLetterTopic, withGroup: false, cancellationToken);
            return TypedResults.Ok(new TopicsView(settings.GroupId, [topic, deadLetters]));
        }
        catch (KafkaException e)
        {
            return TypedResults.Problem(title: "Kafka unavailable", detail: $"The topics could not be read: {e.Error.Reason}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
