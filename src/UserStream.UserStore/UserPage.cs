namespace UserStream.UserStore;

/// <summary>A page of users and the opaque token of the next page (null on the last page).</summary>
public sealed record UserPage(IReadOnlyList<StoredUser> Items, string? NextPageToken);
