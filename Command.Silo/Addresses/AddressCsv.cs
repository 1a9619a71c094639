using System.Globalization;
using System.Text;
using Command.Silo.Jurisdictions;

namespace Command.Silo.Addresses;

/// <summary>
/// Reads a standard address file: CSV in UTF-8, one address a line, columns 地址,经度,纬度[,辖区编码[,模拟]]
/// (<c>address,lon,lat,jurisdictionId,synthetic</c>; a header line with either naming is skipped). Every bad line is
/// reported with its number and what is wrong with it, and a file with any bad line is taken not at all, so a bad file
/// never replaces a good base.
/// </summary>
public static class AddressCsv
{
    public const string Header = "address,lon,lat,jurisdictionId,synthetic";
    public const int MaxAddressLength = 200;
    public const int MaxLines = 200_000;

    /// <summary>A point further than this outside the city is a wrong position, not an address of a neighbour.</summary>
    private const double MaxOutsideMeters = 20_000;

    private static readonly string[] HeaderNames = ["address", "地址"];

    public sealed record Result(IReadOnlyList<StandardAddress> Addresses, IReadOnlyList<AddressLineError> Errors);

    public static Result Parse(string text, JurisdictionMap map)
    {
        var addresses = new List<StandardAddress>();
        var errors = new List<AddressLineError>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        if (lines.Length > MaxLines)
        {
            return new([], [new(lines.Length, $"文件有 {lines.Length} 行，一次最多导入 {MaxLines} 行，请分成几个文件。")]);
        }
        var seenContent = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (!Split(line, out var fields))
            {
                errors.Add(new(number, "引号没有配对，请检查这一行的双引号。"));
                continue;
            }
            if (!seenContent && HeaderNames.Contains(fields[0].Trim(), StringComparer.OrdinalIgnoreCase))
            {
                seenContent = true;
                continue;
            }
            seenContent = true;
            var error = ParseLine(fields, map, out var address);
            if (error is not null)
            {
                errors.Add(new(number, error));
                continue;
            }
            var key = AddressText.Normalize(address!.Address);
            if (firstLine.TryGetValue(key, out var earlier))
            {
                errors.Add(new(number, $"地址“{address.Address}”与第 {earlier} 行重复。"));
                continue;
            }
            firstLine[key] = number;
            addresses.Add(address);
        }
        if (addresses.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(1, "文件里没有任何地址。每行应为：地址,经度,纬度（可再加辖区编码）。"));
        }
        return new(addresses, errors);
    }

    private static string? ParseLine(IReadOnlyList<string> fields, JurisdictionMap map, out StandardAddress? address)
    {
        address = null;
        if (fields.Count < 3)
        {
            return $"应有 地址、经度、纬度 三列（用英文逗号分隔，可再加辖区编码），这一行只有 {fields.Count} 列。";
        }
        if (fields.Count > 5)
        {
            return $"最多 5 列（地址、经度、纬度、辖区编码、模拟标记），这一行有 {fields.Count} 列；地址里有逗号时请给地址加上双引号。";
        }
        var text = fields[0].Trim();
        if (text.Length == 0)
        {
            return "地址为空。";
        }
        if (text.Length > MaxAddressLength)
        {
            return $"地址有 {text.Length} 个字，最多 {MaxAddressLength} 个。";
        }
        if (text.Any(char.IsControl))
        {
            return "地址里有无法显示的控制字符。";
        }
        if (!TryCoordinate(fields[1], out var lon))
        {
            return $"经度“{fields[1].Trim()}”不是数字。";
        }
        if (!TryCoordinate(fields[2], out var lat))
        {
            return $"纬度“{fields[2].Trim()}”不是数字。";
        }
        if (lon is < 73 or > 136 || lat is < 3 or > 54)
        {
            return $"位置（经度 {fields[1].Trim()}，纬度 {fields[2].Trim()}）不在中国境内，请检查是否把经度和纬度写反了。";
        }
        var placed = map.Locate(lon, lat);
        if (placed.OutsideBoundary && placed.DistanceMeters > MaxOutsideMeters)
        {
            return $"位置（经度 {fields[1].Trim()}，纬度 {fields[2].Trim()}）离本市边界 {placed.DistanceMeters / 1000:0} 公里，不在本市范围内。";
        }
        var jurisdictionId = placed.Jurisdiction.Id;
        if (fields.Count > 3 && fields[3].Trim() is { Length: > 0 } given)
        {
            if (map.Find(given) is null)
            {
                return $"辖区编码“{given}”不存在，请填写系统中的辖区编码，或留空由系统按位置划归。";
            }
            jurisdictionId = given;
        }
        var synthetic = false;
        if (fields.Count > 4 && fields[4].Trim() is { Length: > 0 } flag)
        {
            if (!bool.TryParse(flag, out synthetic))
            {
                return $"模拟标记只能填 true 或 false，这一行是“{flag}”。";
            }
        }
        address = new StandardAddress(text, Math.Round(lon, 6), Math.Round(lat, 6), jurisdictionId, synthetic);
        return null;
    }

    private static bool TryCoordinate(string field, out double value) =>
        double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>One CSV line into fields; a field in double quotes may hold commas and doubled quotes.</summary>
    private static bool Split(string line, out List<string> fields)
    {
        fields = [];
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return !quoted;
    }

    /// <summary>A field as CSV: quoted when it holds a comma or a quote.</summary>
    public static string Quote(string field) =>
        field.Contains(',') || field.Contains('"') ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}
