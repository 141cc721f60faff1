using UserStream.Hosting;

namespace UserStream.Hosting.PostgreSQL;

/// <summary>
/// Creates the cluster of a <see cref="LocalPostgresServerResource"/> (initdb) and says how to run it.
/// initdb and postgres refuse to run as root: as root they run as the <c>postgres</c> OS user in a folder it owns.
/// </summary>
internal static class LocalPostgresCluster
{
    public static bool RunsAsPostgresUser => Environment.UserName == "root";

    /// <summary>The file the AppHost writes into a throwaway root when it stops, so the script knows the stop is final.</summary>
    public const string AppHostStoppingMarker = ".apphost-stopping";

    /// <summary>initdb into the resource's data directory, unless a cluster is already there (a restart, or a kept directory).</summary>
    public static async Task InitializeAsync(LocalPostgresServerResource resource, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(resource.RootDirectory);
        if (RunsAsPostgresUser)
            await CommandRunner.RunAsync("chown", ["-R", LocalPostgresServer.SuperUser, resource.RootDirectory], cancellationToken);
        if (File.Exists(Path.Combine(resource.DataDirectory, "PG_VERSION")))
            return;
        string[] initdb = [Path.Combine(resource.BinDirectory, "initdb"), "-D", resource.DataDirectory, "-U", LocalPostgresServer.SuperUser,
            "--auth=trust", "-E", "UTF8", "--no-instructions"];
        if (RunsAsPostgresUser)
            await CommandRunner.RunAsync("runuser", ["-u", LocalPostgresServer.SuperUser, "--", .. initdb], cancellationToken);
        else
            await CommandRunner.RunAsync(initdb[0], initdb[1..], cancellationToken);
    }

    /// <summary>
    /// The shell the resource runs: postgres in the foreground with PostgreSQL's durable defaults (fsync, synchronous
    /// commit, full-page writes), as the postgres user when root, dying with the shell; a stop signal becomes a fast
    /// shutdown. The data stays when postgres dies on its own (the AppHost restarts it on the same data) and when the
    /// dashboard stops it; a throwaway root is removed only once the AppHost itself stops (it leaves a marker file) or
    /// is gone (killed). Positional parameters: bin directory, data directory, port, root directory, AppHost process
    /// id, and "keep" when the directory is the user's.
    /// </summary>
    public const string Script = $$"""
        bin="$1"; data="$2"; port="$3"; root="$4"; apphost="$5"; keep="$6"
        set -- "$bin/postgres" -D "$data" -p "$port" -k "$root" -c listen_addresses=127.0.0.1 -c max_connections=300
        if [ "$(id -u)" = 0 ]; then
          setpriv --reuid=postgres --regid=postgres --init-groups --pdeathsig=INT -- "$@" &
        else
          "$@" &
        fi
        pg=$!
        stopping=
        trap 'stopping=1; kill -INT $pg 2>/dev/null' TERM INT HUP
        wait $pg; wait $pg
        code=$?
        if [ -z "$stopping" ]; then
          echo "postgres exited on its own ($code); its data in $data is kept for the restart"
          exit $(( code == 0 ? 1 : code ))
        fi
        if [ "$keep" != keep ] && { [ -e "$root/{{AppHostStoppingMarker}}" ] || ! kill -0 "$apphost" 2>/dev/null; }; then
          rm -rf "$root"
          echo "postgres stopped ($code); removed $root"
        else
          echo "postgres stopped ($code); data kept in $data"
        fi
        exit $code
        """;
}
