using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace PrunAdag.Interactive.Tests;

[Collection("kernel")]
public class ExtensionLoadingTests
{
    [Fact]
    public async Task Extension_dib_brings_the_usings_the_fsharp_resolver_and_the_magic_command()
    {
        using var kernel = await Kernels.CreateAsync();
        Assert.True(FSharpCoreResolver.IsRegistered);
        // PrunAdag, PrunAdag.Problems, PrunAdag.Charts and MathNet are in scope without usings.
        var r = await Kernels.SubmitOk(kernel, "Vector<double>.Build.Dense(3).Count + Method.V3.Name.Length + ProblemCatalog.Names.Count + Downsampling.DefaultMaxPoints");
        var value = r.Events.OfType<ReturnValueProduced>().Single().Value;
        Assert.Equal(3 + 2 + PrunAdag.Problems.ProblemCatalog.Names.Count + 500, value);
        Assert.Contains(kernel.KernelInfo.SupportedDirectives, d => d.Name == "#!prunadag");
    }

    [Fact]
    public async Task Loading_twice_registers_the_magic_command_once()
    {
        using var kernel = await Kernels.CreateAsync();
        KernelExtension.Load(kernel);
        KernelExtension.Load(kernel.ChildKernels.First());
        Assert.Single(kernel.KernelInfo.SupportedDirectives, d => d.Name == "#!prunadag");
    }

    [Fact]
    public void The_resolver_answers_fsharp_core_with_the_loaded_copy_whatever_version_is_asked()
    {
        // The hosts' situation: Plotly.NET asks for a newer FSharp.Core than the one loaded.
        var loaded = typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly;
        var asked = new System.Reflection.AssemblyName("FSharp.Core, Version=99.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");
        Assert.Same(loaded, FSharpCoreResolver.Resolve(asked));
        Assert.Null(FSharpCoreResolver.Resolve(new System.Reflection.AssemblyName("Not.FSharp.Core")));
    }
}
