namespace Command.Abstractions.Runtime;

/// <summary>Marker for a grain interface: an addressable actor that runs one call at a time.</summary>
public interface IGrain;
