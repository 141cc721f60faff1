namespace UserStream.AppHost.Model;

/// <summary>A service project the AppHost was built with: where it lives and the dll its build produced.</summary>
public sealed record ServiceProject(string AssemblyName, string ProjectDirectory, string Configuration, string TargetFramework)
{
    /// <summary>bin/&lt;Configuration&gt;/&lt;tfm&gt;/&lt;AssemblyName&gt;.dll under the project directory (the SDK's default output path).</summary>
    public string DllPath => Path.Combine(ProjectDirectory, "bin", Configuration, TargetFramework, AssemblyName + ".dll");
}
