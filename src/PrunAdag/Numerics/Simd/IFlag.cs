namespace PrunAdag;

/// <summary>
/// A choice that holds for a whole call, passed as a type argument (<see cref="Yes"/> or <see cref="No"/>) so that the
/// JIT compiles one loop per value with the test folded away: the vector loops then branch on nothing but their data.
/// </summary>
internal interface IFlag
{
    /// <summary>The choice.</summary>
    static abstract bool Value { get; }
}

/// <summary>The choice holds.</summary>
internal readonly struct Yes : IFlag
{
    /// <inheritdoc/>
    public static bool Value => true;
}

/// <summary>The choice does not hold.</summary>
internal readonly struct No : IFlag
{
    /// <inheritdoc/>
    public static bool Value => false;
}
