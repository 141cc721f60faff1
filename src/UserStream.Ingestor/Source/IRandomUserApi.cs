using Refit;

namespace UserStream.Ingestor.Source;

/// <summary>The randomuser.me API (and our bundled source, which speaks it), as a Refit client.</summary>
public interface IRandomUserApi
{
    /// <summary>
    /// <c>GET /api/?results=&amp;seed=&amp;page=&amp;nat=</c>. The raw response, so that a failing status can be reported
    /// with its attempts and the body read by <see cref="RandomUserPageReader"/> record by record.
    /// </summary>
    [Get("/api/")]
    Task<HttpResponseMessage> GetUsersAsync(
        int results, string seed, int page, [AliasAs("nat")] string? nationalities, CancellationToken cancellationToken);
}
