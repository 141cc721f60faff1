using UserStream.Cql;
using UserStream.Cql.Types;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>Values the client refuses to send or to convert, rather than sending something the server would misread.</summary>
public class ValueConversionTests
{
    [Fact]
    public void Non_ascii_text_cannot_be_bound_to_an_ascii_column() =>
        Assert.Throws<InvalidTypeException>(() => ValueSerializer.Encode("Zoë", CqlType.Of(ColumnTypeCode.Ascii)));

    [Fact]
    public void A_long_cannot_be_narrowed_into_an_int_column() =>
        Assert.Throws<InvalidTypeException>(() => ValueSerializer.Encode(5L, CqlType.Of(ColumnTypeCode.Int)));

    [Fact]
    public void Collections_cannot_hold_nulls() =>
        Assert.Throws<InvalidTypeException>(() => ValueSerializer.Encode(new List<string?> { "a", null }, CqlType.ListOf(CqlType.Of(ColumnTypeCode.Varchar))));

    [Fact]
    public void Values_of_unknown_clr_types_are_rejected_in_simple_statements() =>
        Assert.Throws<InvalidTypeException>(() => ValueSerializer.Encode(new Uri("http://x"), null));

    [Fact]
    public void Reading_a_column_as_an_unrelated_type_names_the_column()
    {
        var row = new Row(["text"], new ColumnIndex([new CqlColumn(0, "ks", "t", "email", CqlType.Of(ColumnTypeCode.Varchar))]));

        var error = Assert.Throws<InvalidTypeException>(() => row.GetValue<int>("email"));

        Assert.Contains("email", error.Message);
    }

    [Theory]
    [InlineData("1970-01-01")]
    [InlineData("1969-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void Dates_round_trip_through_the_epoch_centred_encoding(string date)
    {
        var value = DateOnly.Parse(date);
        var type = CqlType.Of(ColumnTypeCode.Date);

        Assert.Equal(value, ValueDeserializer.Deserialize(ValueSerializer.Serialize(value, type), type));
    }

    [Fact]
    public void A_null_column_reads_as_the_default_of_a_value_type_and_as_null_of_a_nullable_one()
    {
        var columns = new ColumnIndex([
            new CqlColumn(0, "ks", "t", "count", CqlType.Of(ColumnTypeCode.Int)),
            new CqlColumn(1, "ks", "t", "id", CqlType.Of(ColumnTypeCode.Uuid)),
            new CqlColumn(2, "ks", "t", "at", CqlType.Of(ColumnTypeCode.Timestamp)),
            new CqlColumn(3, "ks", "t", "name", CqlType.Of(ColumnTypeCode.Varchar)),
        ]);
        var row = new Row([null, null, null, null], columns);

        Assert.Equal(0, row.GetValue<int>("count"));
        Assert.Equal(Guid.Empty, row.GetValue<Guid>("id"));
        Assert.Equal(default, row.GetValue<DateTimeOffset>("at"));
        Assert.Null(row.GetValue<int?>("count"));
        Assert.Null(row.GetValue<string>("name"));
    }
}
