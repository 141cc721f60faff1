using System.Text.Json.Nodes;

namespace UserStream.Tests.Dashboard;

/// <summary>Reads the dashboard's JSON API as a browser script would.</summary>
internal static class DashboardApi
{
    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static JsonArray Array(this JsonNode node, string property) => node[property]!.AsArray();

    public static string Text(this JsonNode node, string property) => node[property]!.GetValue<string>();
}
