// .NET Interactive formatters and the ambient KernelInvocationContext are process-global: run serially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
