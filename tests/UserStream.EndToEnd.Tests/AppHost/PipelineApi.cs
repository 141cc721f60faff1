using System.Net.Http.Json;
using System.Text.Json;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>The public HTTP APIs as a client uses them: start a run at the ingestor, read users back from the api.</summary>
public static class PipelineApi
{
    /// <summary>POST /runs; returns the run id.</summary>
    public static async Task<string> StartRunAsync(HttpClient ingestor, int count, string seed)
    {
        using var response = await ingestor.PostAsJsonAsync("/runs", new { count, seed });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>GET /runs/{id}.</summary>
    public static Task<JsonElement> RunAsync(HttpClient ingestor, string runId) =>
        ingestor.GetFromJsonAsync<JsonElement>($"/runs/{runId}");

    /// <summary>Walks GET /users page by page and counts the users stored by <paramref name="runId"/>.</summary>
    public static async Task<int> CountUsersOfRunAsync(HttpClient api, string runId)
    {
        var count = 0;
        string? token = null;
        do
        {
            var url = "/users?limit=500" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token));
            var page = await api.GetFromJsonAsync<JsonElement>(url);
            count += page.GetProperty("items").EnumerateArray().Count(u => u.GetProperty("runId").GetString() == runId);
            token = page.GetProperty("nextPageToken").GetString();
        }
        while (token is not null);
        return count;
    }
}
