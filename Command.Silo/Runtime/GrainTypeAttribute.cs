namespace Command.Silo.Runtime;

/// <summary>The stable name of a grain class. It is stored in journals and reminder rows, so it must never change.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
