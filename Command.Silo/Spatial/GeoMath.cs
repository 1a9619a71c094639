namespace Command.Silo.Spatial;

public static class GeoMath
{
    private const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Great-circle distance. At county scale the GCJ-02 offset is constant enough not to matter.</summary>
    public static double DistanceMeters(double lon1, double lat1, double lon2, double lat2)
    {
        double dLat = ToRadians(lat2 - lat1);
        double dLon = ToRadians(lon2 - lon1);
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Metres per degree of longitude and latitude near a latitude, for converting search radii.</summary>
    public static (double PerLonDegree, double PerLatDegree) MetersPerDegree(double lat) =>
        (Math.PI / 180 * EarthRadiusMeters * Math.Cos(ToRadians(lat)), Math.PI / 180 * EarthRadiusMeters);

    public static bool IsValid(double lon, double lat) =>
        double.IsFinite(lon) && double.IsFinite(lat) && lon is >= -180 and <= 180 && lat is >= -90 and <= 90;

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
