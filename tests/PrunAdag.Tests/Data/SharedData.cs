namespace PrunAdag.Tests.Data;

/// <summary>
/// Locates the real data folder <c>&lt;repo&gt;/../shared/data</c> by walking up from the test binaries.
/// Data-dependent tests fail (never skip) with a clear message when it is absent.
/// </summary>
internal static class SharedData
{
    public static string Root
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                // d is the repository root when it has a sibling shared/data.
                if (d.Parent is { } parent && Directory.Exists(Path.Combine(parent.FullName, "shared", "data"))
                    && System.IO.File.Exists(Path.Combine(d.FullName, "Directory.Build.props")))
                    return Path.Combine(parent.FullName, "shared", "data");
            }
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (Directory.Exists(Path.Combine(d.FullName, "shared", "data")))
                    return Path.Combine(d.FullName, "shared", "data");
            Assert.Fail($"The data folder <repo>/../shared/data was not found above {AppContext.BaseDirectory}. " +
                        "These tests need the real data files (see the project README).");
            return null!;
        }
    }

    public static string File(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Assert.True(System.IO.File.Exists(path), $"Missing data file {path}; these tests need the shared data folder.");
        return path;
    }
}
