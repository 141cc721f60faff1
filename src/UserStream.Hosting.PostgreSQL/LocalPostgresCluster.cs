using UserStream.Hosting;

namespace UserStream.Hosting.PostgreSQL;

/// <summary>
/// Creates the throwaway cluster of a <see cref="LocalPostgresServerResource"/> (initdb) and says how to run it.
/// initdb and postgres refuse to run as root: as root they run as the <c>postgres</c> OS user in a folder it owns.
/// </summary>
internal static class LocalPostgresCluster
{
    public static bool RunsAsPostgresUser => Environment.UserName == "root";

    /// <summary>initdb into the resource's data directory, unless a cluster is already there (a restart).</summary>
    public static async Task InitializeAsync(LocalPostgresServerResource resource, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(resource.RootDirectory);
        if (File.Exists(Path.Combine(resource.DataDirectory, "PG_VERSION")))
            return;
        if (RunsAsPostgresUser)
            await CommandRunner.RunAsync("chown", ["-R", LocalPostgresServer.SuperUser, resource.RootDirectory], cancellationToken);
        string[] initdb = [Path.Combine(resource.BinDirectory, "initdb"), "-D", resource.DataDirectory, "-U", LocalPostgresServer.SuperUser,
            "--auth=trust", "-E", "UTF8", "-N", "--no-instructions"];
        if (RunsAsPostgresUser)
            await CommandRunner.RunAsync("runuser", ["-u", LocalPostgresServer.SuperUser, "--", .. initdb], cancellationToken);
        else
            await CommandRunner.RunAsync(initdb[0], initdb[1..], cancellationToken);
    }

    /// <summary>
    /// The shell the resource runs: postgres in the foreground (as the postgres user when root, dying with
    /// the shell), a stop signal turned into a fast shutdown, and the folder removed once postgres has exited.
    /// Positional parameters: bin directory, data directory, port, root directory.
    /// </summary>
    public const string Script = """
        bin="$1"; data="$2"; port="$3"; root="$4"
        if [ "$(id -u)" = 0 ]; then
          setpriv --reuid=postgres --regid=postgres --init-groups --pdeathsig=INT -- "$bin/postgres" -D "$data" -p "$port" -k "$root" \
            -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off &
        else
          "$bin/postgres" -D "$data" -p "$port" -k "$root" \
            -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off &
        fi
        pg=$!
        trap 'kill -INT $pg 2>/dev/null' TERM INT HUP
        wait $pg; wait $pg
        code=$?
        rm -rf "$root"
        echo "postgres exited ($code); removed $root"
        """;
}
