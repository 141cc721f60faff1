using System.Diagnostics;

namespace UserStream.Hosting.Forms;

/// <summary>
/// Asks whether a container runtime answers (<c>docker info</c>, then <c>podman info</c>), once per process.
/// A client without a daemon fails at once; a hung one is given two seconds.
/// </summary>
public static class ContainerRuntimeProbe
{
    private static readonly Lazy<string?> Answering = new(FindAnsweringRuntime);

    /// <summary>"docker" or "podman" when one answers, otherwise null.</summary>
    public static string? AnsweringRuntime => Answering.Value;

    private static string? FindAnsweringRuntime() =>
        new[] { "docker", "podman" }.FirstOrDefault(Answers);

    private static bool Answers(string runtime)
    {
        var info = new ProcessStartInfo(runtime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("info");
        try
        {
            using var process = Process.Start(info);
            if (process is null)
                return false;
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (process.WaitForExit(TimeSpan.FromSeconds(2)))
                return process.ExitCode == 0;
            process.Kill(entireProcessTree: true);
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
