using UserStream.Cql;
using UserStream.Cql.Protocol.Responses;
using UserStream.Cql.Tests.Support;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>Each ERROR code of the v4 specification becomes its typed exception with the server's code, message and details.</summary>
public class ErrorDecodingTests
{
    [Theory]
    [InlineData(0x0000, typeof(ServerErrorException))]
    [InlineData(0x000A, typeof(ProtocolErrorException))]
    [InlineData(0x1001, typeof(OverloadedException))]
    [InlineData(0x1002, typeof(IsBootstrappingException))]
    [InlineData(0x1003, typeof(TruncateException))]
    [InlineData(0x2000, typeof(SyntaxError))]
    [InlineData(0x2100, typeof(UnauthorizedException))]
    [InlineData(0x2200, typeof(InvalidQueryException))]
    [InlineData(0x2300, typeof(InvalidConfigurationInQueryException))]
    public void Errors_without_details_map_to_their_exception(int code, Type expected)
    {
        var error = Decode(SpecFrames.ErrorFrame(1, code, "server says no"));

        Assert.IsType(expected, error);
        Assert.Equal((ServerErrorCode)code, error.Code);
        Assert.Equal("server says no", error.ServerMessage);
        Assert.Contains("server says no", error.Message);
    }

    [Fact]
    public void Unavailable_carries_consistency_required_and_alive_replicas()
    {
        var error = Assert.IsType<UnavailableException>(Decode(SpecFrames.ErrorFrame(1, 0x1000, "Cannot achieve consistency level QUORUM", f => f.Short(0x0004).Int(2).Int(1))));
        Assert.Equal((ConsistencyLevel.Quorum, 2, 1), (error.Consistency, error.RequiredReplicas, error.AliveReplicas));
        Assert.IsAssignableFrom<QueryExecutionException>(error);
    }

    [Fact]
    public void Write_timeout_carries_acknowledgements_and_write_type()
    {
        var error = Assert.IsType<WriteTimeoutException>(Decode(SpecFrames.ErrorFrame(1, 0x1100, "timed out", f => f.Short(0x0006).Int(1).Int(2).String("BATCH_LOG"))));
        Assert.Equal((ConsistencyLevel.LocalQuorum, 1, 2, "BATCH_LOG"), (error.Consistency, error.ReceivedAcknowledgements, error.RequiredAcknowledgements, error.WriteType));
    }

    [Fact]
    public void Read_timeout_carries_acknowledgements_and_whether_data_was_present()
    {
        var error = Assert.IsType<ReadTimeoutException>(Decode(SpecFrames.ErrorFrame(1, 0x1200, "timed out", f => f.Short(0x0001).Int(0).Int(1).Byte(1))));
        Assert.Equal((ConsistencyLevel.One, 0, 1, true), (error.Consistency, error.ReceivedAcknowledgements, error.RequiredAcknowledgements, error.WasDataRetrieved));
    }

    [Fact]
    public void Read_and_write_failures_carry_the_failure_count()
    {
        var read = Assert.IsType<ReadFailureException>(Decode(SpecFrames.ErrorFrame(1, 0x1300, "failed", f => f.Short(0x0004).Int(1).Int(2).Int(1).Byte(0))));
        Assert.Equal((1, false), (read.Failures, read.WasDataRetrieved));

        var write = Assert.IsType<WriteFailureException>(Decode(SpecFrames.ErrorFrame(1, 0x1500, "failed", f => f.Short(0x0004).Int(1).Int(2).Int(3).String("SIMPLE"))));
        Assert.Equal((3, "SIMPLE"), (write.Failures, write.WriteType));
    }

    [Fact]
    public void Function_failure_names_the_function()
    {
        var error = Assert.IsType<FunctionFailureException>(Decode(SpecFrames.ErrorFrame(1, 0x1400, "boom", f => f.String("ks").String("f").StringList("int"))));
        Assert.Equal(("ks", "f", "int"), (error.Keyspace, error.Function, error.ArgumentTypes.Single()));
    }

    [Fact]
    public void Already_exists_names_keyspace_and_table()
    {
        var error = Assert.IsType<AlreadyExistsException>(Decode(SpecFrames.ErrorFrame(1, 0x2400, "exists", f => f.String("user_stream").String("created_users"))));
        Assert.Equal(("user_stream", "created_users"), (error.Keyspace, error.Table));
        Assert.IsAssignableFrom<QueryValidationException>(error);
    }

    [Fact]
    public void Unprepared_carries_the_unknown_statement_id()
    {
        var error = Assert.IsType<PreparedQueryNotFoundException>(Decode(SpecFrames.ErrorFrame(1, 0x2500, "unknown id", f => f.ShortBytes([1, 2, 3]))));
        Assert.Equal(new byte[] { 1, 2, 3 }, error.UnknownId);
    }

    [Fact]
    public void Unknown_codes_keep_the_servers_code_and_message()
    {
        var error = Decode(SpecFrames.ErrorFrame(1, 0x2600, "from the future"));
        Assert.Equal((ServerErrorCode)0x2600, error.Code);
        Assert.Equal("from the future", error.ServerMessage);
    }

    private static CqlServerException Decode(byte[] frame) => FrameParsing.Decode<ErrorResponse>(frame).Error;
}
