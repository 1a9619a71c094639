using System.Text;

namespace Command.Silo.Patrols;

/// <summary>
/// When two callsigns are the same one. A dispatcher reads 冠县车巡1组 off a board and says it over the radio: " 冠县车巡１组"
/// (a space, a full-width digit) is the same callsign to them, so the comparison trims and applies NFKC.
/// </summary>
public static class Callsigns
{
    public static string Key(string callsign) => callsign.Trim().Normalize(NormalizationForm.FormKC);
}
