using System.Text;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.Robustness;

/// <summary>An endpoint of a service: method, path (with <c>{placeholders}</c>), its query parameters, whether it takes a JSON body.</summary>
public sealed record HttpEndpoint(string Method, string Path, string[] QueryParameters, bool JsonBody = false);

/// <summary>One generated request.</summary>
public sealed record MalformedRequest(string Method, string PathAndQuery, string? ContentType, byte[]? Body)
{
    public override string ToString() =>
        $"{Method} {(PathAndQuery.Length > 120 ? PathAndQuery[..120] + "…" : PathAndQuery)}" +
        (ContentType is null && Body is null ? "" : $" [{ContentType ?? "no content-type"}, {Body?.Length ?? 0} bytes]");
}

/// <summary>
/// Generates malformed HTTP requests for a set of endpoints, the same ones for the same seed: values of the
/// wrong type, empty and huge values, broken JSON, wrong content types, odd methods, unknown and long paths.
/// Left out are requests that Kestrel itself refuses before any application code runs, so no service
/// can shape the answer: a request line over 8 KB, and a NUL (%00) in the path (in a query value it is sent).
/// </summary>
public sealed class MalformedRequests(int seed)
{
    private static readonly string[] OddMethods = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO"];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonx", "application/json; charset=latin1", "*/*", "garbage", "",
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<MalformedRequest> For(IReadOnlyList<HttpEndpoint> endpoints, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var endpoint = endpoints[_random.Next(endpoints.Count)];
            yield return _random.Next(7) switch
            {
                0 or 1 => WithBadQuery(endpoint),
                2 => WithBadPath(endpoint),
                3 => endpoint.JsonBody ? WithBadJson(endpoint) : WithOddMethod(endpoint),
                4 => endpoint.JsonBody ? WithWrongContentType(endpoint) : WithBodyOnGet(endpoint),
                5 => WithOddMethod(endpoint),
                _ => WithUnknownPath(endpoint),
            };
        }
    }

    private MalformedRequest WithBadQuery(HttpEndpoint endpoint)
    {
        var names = endpoint.QueryParameters.Append("unknown").Append("").ToArray();
        var query = string.Join('&', Enumerable.Range(0, 1 + _random.Next(3))
            .Select(_ => $"{Uri.EscapeDataString(Pick(names))}={Uri.EscapeDataString(BadValue())}"));
        return Build(endpoint, FillPath(endpoint.Path, malformed: false) + "?" + query);
    }

    private MalformedRequest WithBadPath(HttpEndpoint endpoint) =>
        new(endpoint.Method, FillPath(endpoint.Path, malformed: true) + OptionalQuery(endpoint), JsonOrNull(endpoint), BodyOrNull(endpoint));

    private MalformedRequest WithBadJson(HttpEndpoint endpoint) =>
        new(endpoint.Method, FillPath(endpoint.Path, malformed: false), "application/json", BadJson());

    private MalformedRequest WithWrongContentType(HttpEndpoint endpoint) =>
        new(endpoint.Method, FillPath(endpoint.Path, malformed: false), Pick(ContentTypes),
            _random.Next(2) == 0 ? Encoding.UTF8.GetBytes("""{"count": 10}""") : BadJson());

    private MalformedRequest WithBodyOnGet(HttpEndpoint endpoint) =>
        new(endpoint.Method, FillPath(endpoint.Path, malformed: false) + OptionalQuery(endpoint), Pick(ContentTypes.Append("application/json").ToArray()), BadJson());

    private MalformedRequest WithOddMethod(HttpEndpoint endpoint) =>
        new(Pick(OddMethods.Append(endpoint.Method == "GET" ? "POST" : "GET").ToArray()), FillPath(endpoint.Path, malformed: _random.Next(3) == 0),
            _random.Next(2) == 0 ? "application/json" : null, _random.Next(2) == 0 ? BadJson() : null);

    private MalformedRequest WithUnknownPath(HttpEndpoint endpoint)
    {
        var prefix = _random.Next(2) == 0 ? FillPath(endpoint.Path, malformed: false).TrimEnd('/') : "";
        var path = _random.Next(3) switch
        {
            0 => prefix + "/" + new string('a', 1000 + _random.Next(5000)),
            1 => prefix + string.Concat(Enumerable.Range(0, 50 + _random.Next(400)).Select(i => "/s" + i)),
            _ => prefix + "/" + Uri.EscapeDataString(BadPathValue()) + "/" + Uri.EscapeDataString(BadPathValue()),
        };
        return new MalformedRequest(_random.Next(4) == 0 ? Pick(OddMethods) : "GET", path.Length > 7000 ? path[..7000] : path, null, null);
    }

    private MalformedRequest Build(HttpEndpoint endpoint, string pathAndQuery) =>
        new(endpoint.Method, pathAndQuery, JsonOrNull(endpoint), BodyOrNull(endpoint));

    private string OptionalQuery(HttpEndpoint endpoint) =>
        endpoint.QueryParameters.Length == 0 || _random.Next(2) == 0
            ? ""
            : $"?{Pick(endpoint.QueryParameters)}={Uri.EscapeDataString(BadValue())}";

    private static string? JsonOrNull(HttpEndpoint endpoint) => endpoint.JsonBody ? "application/json" : null;

    private byte[]? BodyOrNull(HttpEndpoint endpoint) => endpoint.JsonBody ? BadJson() : null;

    /// <summary>Fills each {placeholder} with a well-formed id, or (malformed) with a bad value.</summary>
    private string FillPath(string template, bool malformed)
    {
        var path = new StringBuilder();
        foreach (var segment in template.Split('/'))
        {
            if (path.Length > 0 || segment.Length > 0)
                path.Append('/');
            if (segment.StartsWith('{'))
                path.Append(malformed ? Uri.EscapeDataString(BadPathValue()) : NextGuid().ToString());
            else
                path.Append(segment);
        }
        if (template.EndsWith('/'))
            path.Append('/');
        return path.Length == 0 ? "/" : path.ToString();
    }

    private string BadValue() => _random.Next(26) switch
    {
        0 => "",
        1 => " ",
        2 => "abc",
        3 => "-1",
        4 => "0",
        5 => "1.5",
        6 => "1e3",
        7 => "0x10",
        8 => "99999999999999999999",
        9 => "NaN",
        10 => "null",
        11 => "true",
        12 => "[1]",
        13 => "{}",
        14 => "%",
        15 => "\0",
        16 => "'; DROP TABLE users; --",
        17 => "<script>alert(1)</script>",
        18 => "../../etc/passwd",
        19 => "ü€😀 ẞ",
        20 => new string('9', 400),
        21 => new string('x', 1000 + _random.Next(2500)),
        22 => ",,,",
        23 => "US,XX,",
        24 => "a@",
        _ => "-2147483649",
    };

    private byte[] BadJson()
    {
        var text = _random.Next(22) switch
        {
            0 => "",
            1 => "{",
            2 => "}",
            3 => """{"count":""",
            4 => """{"count": 10,}""",
            5 => "{'count': 10}",
            6 => new string('[', 2000) + new string(']', 2000),
            7 => """{"count": NaN}""",
            8 => """{"count": "ten"}""",
            9 => """{"count": null}""",
            10 => """{"count": {}}""",
            11 => """{"count": [10]}""",
            12 => """{"count": 10, "seed": 5}""",
            13 => "true",
            14 => "12",
            15 => "\"a string\"",
            16 => $$"""{"count": 10, "seed": "{{new string('s', 100_000 + _random.Next(200_000))}}"}""",
            17 => """{"count": 1, "count": "x"}""",
            18 => """{"count": -2147483649}""",
            19 => """{"count": 1.0e400}""",
            20 => "null",
            _ => "",
        };
        if (_random.Next(15) == 0)
        {
            var junk = new byte[1 + _random.Next(64)];
            _random.NextBytes(junk);
            return junk; // not even UTF-8
        }
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A bad value for a path segment: never empty (that would be another route) and without NUL.</summary>
    private string BadPathValue()
    {
        var value = BadValue();
        return value.Length == 0 || value.Contains('\0') ? " " : value;
    }

    private Guid NextGuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
