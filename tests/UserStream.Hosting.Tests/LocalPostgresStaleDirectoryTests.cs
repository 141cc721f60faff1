using UserStream.Hosting.PostgreSQL;
using UserStream.Testing;

namespace UserStream.Hosting.Tests;

public class LocalPostgresStaleDirectoryTests
{
    [Fact]
    public void Old_directories_without_a_running_server_are_removed_and_others_kept()
    {
        var stale = Directory.CreateTempSubdirectory("userstream-pg-").FullName;
        Directory.CreateDirectory(Path.Combine(stale, "data"));
        var running = Directory.CreateTempSubdirectory("userstream-pg-").FullName;
        Directory.CreateDirectory(Path.Combine(running, "data"));
        File.WriteAllText(Path.Combine(running, "data", "postmaster.pid"), "1");
        var fresh = Directory.CreateTempSubdirectory("userstream-pg-").FullName;
        try
        {
            Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
            Directory.SetLastWriteTimeUtc(running, DateTime.UtcNow.AddHours(-1));

            LocalPostgresCluster.RemoveStaleDirectories();

            Assert.False(Directory.Exists(stale));
            Assert.True(Directory.Exists(running));
            Assert.True(Directory.Exists(fresh));
        }
        finally
        {
            foreach (var directory in new[] { stale, running, fresh })
                if (Directory.Exists(directory))
                    Directory.Delete(directory, recursive: true);
        }
    }
}
