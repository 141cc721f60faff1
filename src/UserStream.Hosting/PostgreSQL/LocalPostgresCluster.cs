using System.Globalization;

namespace UserStream.Hosting.PostgreSQL;

/// <summary>
/// The one local PostgreSQL of this repository, from the installed binaries (Debian's <c>postgresql</c> package):
/// where they are, how a cluster is created (initdb) and with which settings postgres runs. The AppHost's local form
/// runs it under DCP (<see cref="Aspire.Hosting.ApplicationModel.LocalPostgresServerResource"/>, <see cref="Script"/>); the tests and the benchmark run
/// it with pg_ctl (UserStream.Testing's LocalPostgresServer). initdb and postgres refuse to run as root: as root they
/// run as the <c>postgres</c> OS user in a folder it owns.
/// </summary>
public static class LocalPostgresCluster
{
    /// <summary>The database superuser created by initdb.</summary>
    public const string SuperUser = "postgres";

    /// <summary>The name prefix of throwaway cluster folders in the temporary folder.</summary>
    public const string DirectoryPrefix = "userstream-pg-";

    /// <summary>The file the AppHost writes into a throwaway root when it stops, so the script knows the stop is final.</summary>
    public const string AppHostStoppingMarker = ".apphost-stopping";

    /// <summary>True when initdb and postgres must run as the postgres OS user (this process is root).</summary>
    public static bool RunsAsPostgresUser => Environment.UserName == "root";

    /// <summary>
    /// The folder with initdb, postgres and pg_ctl: $POSTGRES_BIN when set, else the newest /usr/lib/postgresql/N/bin (Debian's layout).
    /// </summary>
    public static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("POSTGRES_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new InvalidOperationException($"POSTGRES_BIN={configured} has no initdb.");

        const string debianRoot = "/usr/lib/postgresql";
        var candidate = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.dir, "initdb")))
                .OrderByDescending(c => c.version)
                .Select(c => c.dir)
                .FirstOrDefault()
            : null;
        return candidate ?? throw new InvalidOperationException(
            "No PostgreSQL binaries found: install them with `apt-get install -y postgresql`, set POSTGRES_BIN, " +
            "or point UserStream at an existing server with ConnectionStrings__postgres.");
    }

    /// <summary>
    /// Creates <paramref name="rootDirectory"/> (owned by the postgres OS user when root) and runs initdb into
    /// <paramref name="dataDirectory"/>, unless a cluster is already there (a restart, or a kept folder).
    /// A cluster that is not <paramref name="durable"/> skips fsync in initdb and uses 1 MiB WAL segments: throwaway
    /// test data needs no history, and the default 16 MiB segments would make each throwaway cluster mostly WAL.
    /// </summary>
    public static async Task InitializeAsync(string binDirectory, string rootDirectory, string dataDirectory, bool durable, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(rootDirectory);
        if (RunsAsPostgresUser)
            await CommandRunner.RunAsync("chown", ["-R", SuperUser, rootDirectory], cancellationToken);
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
            return;
        string[] arguments = ["-D", dataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--no-instructions"];
        await RunToolAsync(binDirectory, "initdb", durable ? arguments : [.. arguments, "-N", "--wal-segsize=1"], cancellationToken);
    }

    /// <summary>
    /// The postgres settings: 127.0.0.1 only, the socket in <paramref name="socketDirectory"/>, 300 connections, commit
    /// timestamps kept (<c>pg_xact_commit_timestamp</c>: when a row's write committed, which the benchmark reads). Durable
    /// keeps PostgreSQL's own defaults (fsync, synchronous commit, full-page writes), so a killed server restarted on its data
    /// has every commit it acknowledged. Not durable is fast and fragile, for throwaway test data: those off, minimal WAL.
    /// </summary>
    public static IReadOnlyList<string> ServerArguments(int port, string socketDirectory, bool durable)
    {
        List<string> arguments = ["-p", port.ToString(CultureInfo.InvariantCulture), "-k", socketDirectory,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "track_commit_timestamp=on"];
        if (!durable)
        {
            foreach (var setting in (string[])["fsync=off", "synchronous_commit=off", "full_page_writes=off", "wal_level=minimal",
                "max_wal_senders=0", "min_wal_size=4MB", "max_wal_size=32MB", "shared_buffers=32MB"])
                arguments.AddRange(["-c", setting]);
        }
        return arguments;
    }

    /// <summary>Runs one of the PostgreSQL tools (initdb, pg_ctl), as the postgres OS user when this process is root.</summary>
    public static Task<string> RunToolAsync(string binDirectory, string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(binDirectory, tool);
        return RunsAsPostgresUser
            ? CommandRunner.RunAsync("runuser", ["-u", SuperUser, "--", executable, .. arguments], cancellationToken)
            : CommandRunner.RunAsync(executable, arguments, cancellationToken);
    }

    /// <summary>
    /// Deletes throwaway folders that earlier servers left behind when their owner was ended before it could clean up
    /// (a test host stopped mid-exit, a killed AppHost). A folder whose server still runs has a postmaster.pid and is
    /// kept; so is anything younger than ten minutes.
    /// </summary>
    public static void RemoveStaleDirectories()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            try
            {
                var info = new DirectoryInfo(directory);
                if (File.Exists(Path.Combine(directory, "data", "postmaster.pid")) || info.LastWriteTimeUtc > DateTime.UtcNow.AddMinutes(-10))
                    continue;
                info.Delete(recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// The shell the AppHost's local form runs: postgres in the foreground with the settings that follow the five
    /// positional parameters (bin directory, data directory, root directory, AppHost process id, "keep" when the folder
    /// is the user's), as the postgres user when root, dying with the shell; a stop signal becomes a fast shutdown.
    /// The data stays when postgres dies on its own (the AppHost restarts it on the same data) and when the dashboard
    /// stops it; a throwaway root is removed only once the AppHost itself stops (it leaves a marker file) or is gone (killed).
    /// </summary>
    public const string Script = $$"""
        bin="$1"; data="$2"; root="$3"; apphost="$4"; keep="$5"
        shift 5
        set -- "$bin/postgres" -D "$data" "$@"
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
