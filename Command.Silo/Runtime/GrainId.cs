namespace Command.Silo.Runtime;

/// <summary>The identity of a grain: its type name (as in <see cref="GrainTypeAttribute"/>) and its key.
/// The string form "incident/ab12" is also the grain's journal stream name.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";

    public static GrainId Parse(string value)
    {
        int slash = value.IndexOf('/');
        return slash <= 0 ? throw new FormatException($"'{value}' is not a grain id (type/key).") : new(value[..slash], value[(slash + 1)..]);
    }
}
