using Command.Abstractions.Runtime;

namespace Command.Silo.Hosting;

/// <summary>Collects what is wrong with a well-formed request, field by field, and answers 422 with all of it at once.</summary>
public sealed class Validation
{
    private readonly List<string> errors = [];

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            errors.Add($"{field}: {message}");
        }
        return this;
    }

    public Validation Position(double? lon, double? lat)
    {
        Require(lon is not null, "lon", "is required.");
        Require(lat is not null, "lat", "is required.");
        Require(lon is null || (double.IsFinite(lon.Value) && lon is >= -180 and <= 180), "lon", $"must be between -180 and 180, not {lon}.");
        Require(lat is null || (double.IsFinite(lat.Value) && lat is >= -90 and <= 90), "lat", $"must be between -90 and 90, not {lat}.");
        return this;
    }

    /// <summary>Free text: at most <paramref name="max"/> characters, and printable. Line breaks and tabs are text; NUL,
    /// escape sequences and the other control characters are not, and would travel on into exports, logs and terminals.</summary>
    public Validation Text(string? value, int max, string field) =>
        Require(value is null || value.Length <= max, field, $"is {value?.Length} characters; at most {max} are kept.")
            .Require(value is null || IsPrintable(value), field, "must not contain control characters.");

    public static bool IsPrintable(string value) => !value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    /// <summary>Throws the collected errors as one 422.</summary>
    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw CommandRejectedException.Invalid(string.Join(" ", errors));
        }
    }
}
