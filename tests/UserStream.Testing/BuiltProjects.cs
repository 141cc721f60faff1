namespace UserStream.Testing;

/// <summary>Finds the build output of a project of this repository, for tools that run it as its own process (tests, benchmarks).</summary>
public static class BuiltProjects
{
    /// <summary>
    /// src/<paramref name="project"/>/bin/<paramref name="configuration"/>/net10.0/<paramref name="project"/>.dll in the
    /// repository that contains the running program; fails with what to build when it is missing.
    /// </summary>
    public static string DllPath(string project, string configuration)
    {
        var dll = Path.Combine(RepositoryRoot(), "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{project} is not built: {dll} is missing (build src/{project} -c {configuration})", dll);
    }

    /// <summary>The folder holding UserStream.sln, above the running program.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "UserStream.sln")))
                return dir.FullName;
        throw new InvalidOperationException("UserStream.sln not found above " + AppContext.BaseDirectory + ": run from inside the repository");
    }
}
