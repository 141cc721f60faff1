using System.Security.Cryptography;
using System.Text;

namespace UserStream.Hosting.PostgreSQL;

/// <summary>Where a kept local cluster lives: the folder the user named, or, where the postgres OS user cannot reach it, a folder linked from it.</summary>
internal static class LocalDataDirectory
{
    /// <summary>Where clusters live whose named folder the postgres OS user cannot enter (such as one under /root).</summary>
    public const string ReachableRoot = "/var/lib/userstream/postgres";

    /// <summary><c>~</c> or <c>~/…</c> in the user's home folder (a shell does not expand it after <c>--Key=</c>).</summary>
    public static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;

    /// <summary>
    /// Creates <paramref name="requested"/> and returns the folder postgres will use. Run as root, postgres runs as the
    /// postgres OS user, which cannot enter a folder below /root: then the cluster lives in <see cref="ReachableRoot"/>
    /// and <paramref name="requested"/> becomes a symbolic link to it, so the data is still found where the user said.
    /// </summary>
    /// <exception cref="InvalidOperationException">the requested folder is unreachable for postgres and not empty.</exception>
    public static string Prepare(string requested, bool asPostgresUser)
    {
        if (new DirectoryInfo(requested).LinkTarget is not null
            && Directory.ResolveLinkTarget(requested, returnFinalTarget: true) is { } linked)
        {
            Directory.CreateDirectory(linked.FullName);
            return linked.FullName;
        }
        Directory.CreateDirectory(requested);
        if (!asPostgresUser)
            return requested;

        Run("chown", LocalPostgresCluster.SuperUser, requested);
        if (PostgresUserCanWrite(requested))
            return requested;
        if (Directory.EnumerateFileSystemEntries(requested).Any())
            throw new InvalidOperationException(
                $"{requested} is not empty and the postgres OS user cannot reach it (a folder on its path is closed to other users); " +
                $"move its contents, or name a folder outside it in {Aspire.Hosting.PostgresServerBuilderExtensions.DataDirectoryKey}.");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested)))[..12];
        var target = Path.Combine(ReachableRoot, $"{Path.GetFileName(requested)}-{hash}");
        Directory.CreateDirectory(target);
        Run("chown", LocalPostgresCluster.SuperUser, target);
        Directory.Delete(requested);
        Directory.CreateSymbolicLink(requested, target);
        return target;
    }

    private static bool PostgresUserCanWrite(string folder)
    {
        try
        {
            Run("runuser", "-u", LocalPostgresCluster.SuperUser, "--", "test", "-w", folder, "-a", "-x", folder);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Run(string command, params string[] arguments) =>
        CommandRunner.RunAsync(command, arguments).GetAwaiter().GetResult();
}
