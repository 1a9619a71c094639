namespace Command.Silo.Addresses;

/// <summary>One entry of the standard address base (标准地址): the address as written, its position (GCJ-02, like the
/// maps), the deepest jurisdiction it lies in, and whether it is invented demo data.</summary>
public sealed record StandardAddress(string Address, double Lon, double Lat, string JurisdictionId, bool Synthetic);

/// <summary>What GET /api/addresses answers for one match.</summary>
public sealed record AddressMatch(string Address, double Lon, double Lat, string JurisdictionId, string JurisdictionName, bool Synthetic);

/// <summary>A line of an imported address file that could not be taken, in words for the person who made the file.</summary>
public sealed record AddressLineError(int Line, string Message);
