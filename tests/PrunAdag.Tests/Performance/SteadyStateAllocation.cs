namespace PrunAdag.Tests.Performance;

/// <summary>
/// Bytes allocated on the calling thread per window of calls, in steady state. A call that allocates shows in
/// every window, so the smallest window is the per-call cost; the runtime's one-off work (a callee's tier-up,
/// which with SIMD switched off also recompiles CoreLib's software vector code) can land in any one window and
/// is not a cost of the call.
/// </summary>
internal static class SteadyStateAllocation
{
    /// <summary>Runs <paramref name="call"/> <paramref name="warmUp"/> times, then returns each window's bytes.</summary>
    public static long[] Windows(Action call, int warmUp = 5, int windows = 5, int callsPerWindow = 3)
    {
        for (int i = 0; i < warmUp; i++) call();
        var bytes = new long[windows];
        for (int w = 0; w < windows; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerWindow; i++) call();
            bytes[w] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        return bytes;
    }

    /// <summary>Asserts that some window allocated nothing (so no call allocates), listing every window on failure.</summary>
    public static void AssertNone(Action call, int warmUp = 5)
    {
        var bytes = Windows(call, warmUp);
        Assert.True(bytes.Min() == 0, $"bytes per window of calls: {string.Join(", ", bytes)}");
    }
}
