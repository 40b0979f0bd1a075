namespace PrunAdag;

/// <summary>Which width a vectorised loop runs at on this machine: the widest the runtime accelerates.</summary>
internal enum SimdWidth { None, Bits128, Bits256, Bits512 }
