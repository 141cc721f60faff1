using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using UserStream.Dashboard.Auth;
using UserStream.Dashboard.Otlp;
using UserStream.Dashboard.Otlp.Wire;

namespace UserStream.Dashboard;

/// <summary>The OTLP/HTTP receiver (protobuf): where the services' exporters send traces, logs and metrics.</summary>
public static class OtlpReceiverEndpoints
{
    /// <summary>
    /// Maps <c>POST /v1/traces</c>, <c>/v1/logs</c> and <c>/v1/metrics</c>. They need no token (bind them
    /// to 127.0.0.1). A request is stored whole or not at all: 415 for a content type other than
    /// application/x-protobuf, 413 past <see cref="DashboardOptions.MaxPayloadBytes"/>, 400 when it does not decode.
    /// </summary>
    public static IEndpointConventionBuilder MapOtlpReceiver(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1").WithMetadata(new AllowWithoutDashboardToken());
        group.MapPost("/traces", (HttpContext context, DashboardTelemetry telemetry, IOptions<DashboardOptions> options) => ReceiveAsync(context, telemetry, options.Value, TraceExportRequest.Parser,
            (telemetry, request) => telemetry.Traces.Add(OtlpTraceMapper.Map(request)), new TraceExportResponse()));
        group.MapPost("/logs", (HttpContext context, DashboardTelemetry telemetry, IOptions<DashboardOptions> options) => ReceiveAsync(context, telemetry, options.Value, LogExportRequest.Parser,
            (telemetry, request) => telemetry.Logs.Add(OtlpLogMapper.Map(request)), new LogExportResponse()));
        group.MapPost("/metrics", (HttpContext context, DashboardTelemetry telemetry, IOptions<DashboardOptions> options) => ReceiveAsync(context, telemetry, options.Value, MetricExportRequest.Parser,
            (telemetry, request) => telemetry.Metrics.Add(OtlpMetricMapper.Map(request)), new MetricExportResponse()));
        return group;
    }

    private static async Task<IResult> ReceiveAsync<TRequest>(
        HttpContext context, DashboardTelemetry telemetry, DashboardOptions options,
        MessageParser<TRequest> parser, Action<DashboardTelemetry, TRequest> store, IMessage response)
        where TRequest : IMessage<TRequest>
    {
        var (body, rejection) = await OtlpRequestBody.ReadAsync(context, options.MaxPayloadBytes);
        if (rejection is not null)
            return rejection;
        try
        {
            // Mapping validates everything before the store sees any of it.
            store(telemetry, parser.ParseFrom(body));
        }
        catch (InvalidProtocolBufferException e)
        {
            return OtlpRequestBody.Reject(StatusCodes.Status400BadRequest, "The body is not a valid OTLP protobuf message: " + e.Message);
        }
        catch (OtlpPayloadException e)
        {
            return OtlpRequestBody.Reject(StatusCodes.Status400BadRequest, "The OTLP payload is invalid: " + e.Message);
        }
        return Results.Bytes(response.ToByteArray(), OtlpRequestBody.ProtobufContentType);
    }
}
