using System.IO.Compression;
using System.Xml.Linq;

namespace PrunAdag.Package.Tests;

public class PackageLayoutTests
{
    private static readonly LocalFeed Feed = LocalFeed.Instance;

    private static string[] Entries(string id)
    {
        using var zip = ZipFile.OpenRead(Feed.Package(id));
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    private static XElement Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(Feed.Package(id));
        using var s = zip.GetEntry($"{id}.nuspec")!.Open();
        return XElement.Load(s);
    }

    private static (string Id, string Version)[] Dependencies(string id) =>
        Nuspec(id).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!)).ToArray();

    [Fact]
    public void The_version_is_a_unique_prerelease() =>
        Assert.Matches(@"^\d+\.\d+\.\d+-local\.\d{14}\.\d+$", Feed.Version);

    [Fact]
    public void The_interactive_package_carries_the_extension_dib_and_its_dll()
    {
        var entries = Entries("PrunAdag.Interactive");
        Assert.Contains("interactive-extensions/dotnet/extension.dib", entries);
        Assert.Contains("lib/net10.0/PrunAdag.Interactive.dll", entries);
    }

    [Fact]
    public void The_interactive_package_brings_the_libraries_and_not_the_notebook_host()
    {
        var deps = Dependencies("PrunAdag.Interactive");
        Assert.Contains(("PrunAdag", Feed.Version), deps);
        Assert.Contains(("PrunAdag.Charts", Feed.Version), deps);
        Assert.DoesNotContain(deps, d => d.Id.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.DoesNotContain(deps, d => d.Id.StartsWith("Plotly.NET.Interactive", StringComparison.Ordinal));
    }

    [Fact]
    public void The_charts_package_depends_on_plotly_net_and_no_notebook_package()
    {
        var deps = Dependencies("PrunAdag.Charts");
        Assert.Contains(deps, d => d.Id == "Plotly.NET");
        Assert.Contains(("PrunAdag", Feed.Version), deps);
        Assert.DoesNotContain(deps, d => d.Id.Contains("Interactive", StringComparison.Ordinal));
    }

    [Fact]
    public void The_extension_dib_loads_the_extension_and_the_usings()
    {
        using var zip = ZipFile.OpenRead(Feed.Package("PrunAdag.Interactive"));
        using var reader = new StreamReader(zip.GetEntry("interactive-extensions/dotnet/extension.dib")!.Open());
        string dib = reader.ReadToEnd();
        Assert.Contains("PrunAdag.Interactive.KernelExtension.Load(", dib);
        foreach (var ns in new[] { "PrunAdag", "PrunAdag.Problems", "PrunAdag.Charts", "MathNet.Numerics.LinearAlgebra" })
            Assert.Contains($"using {ns};", dib);
    }
}
