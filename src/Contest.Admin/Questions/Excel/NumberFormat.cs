using System.Globalization;
using System.Text;

namespace Contest.Admin.Questions.Excel;

/// <summary>
/// What a number format makes of a numeric cell, reduced to what an answer needs. Excel keeps a date as a day
/// count (26/3/1931 is 11408) and only the cell's format says it is a date, so without this a Vietnamese
/// "26/3/1931" answer would be saved as "11408". Dates come out as d/m/yyyy whatever the format's own pattern
/// (the format follows the typist's regional settings; the answer should not), times as H:mm or H:mm:ss.
/// </summary>
internal sealed record NumberFormat(NumberFormat.Kinds Kind, int Decimals = 0, int MinDecimals = 0, bool Percent = false,
    bool Day = false, bool Month = false, bool Year = false, bool Time = false, bool Seconds = false)
{
    public enum Kinds { General, Fixed, DateTime, Elapsed }

    public static readonly NumberFormat General = new(Kinds.General);

    // The built-in formats a workbook refers to by id without writing their code (ECMA-376 part 1, 18.8.30).
    // 14 and 22 follow the system's short date, which in Vietnam is day first.
    private static readonly Dictionary<int, string> BuiltIn = new()
    {
        [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00", [9] = "0%", [10] = "0.00%",
        [14] = "d/m/yyyy", [15] = "d-mmm-yy", [16] = "d-mmm", [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM",
        [20] = "h:mm", [21] = "h:mm:ss", [22] = "d/m/yyyy h:mm", [37] = "#,##0", [38] = "#,##0", [39] = "#,##0.00", [40] = "#,##0.00",
        [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mm:ss.0",
    };

    /// <summary>The format with this id; ids 27–36 and 50–58 are East Asian locale dates, read as dates.</summary>
    public static NumberFormat Of(int id, IReadOnlyDictionary<int, string> custom)
    {
        if (custom.TryGetValue(id, out var code)) return Parse(code);
        if (BuiltIn.TryGetValue(id, out code)) return Parse(code);
        return id is >= 27 and <= 36 or >= 50 and <= 58 ? Parse("d/m/yyyy") : General;
    }

    /// <summary>Reads the first section of a format code: literals, colours and conditions are skipped.</summary>
    public static NumberFormat Parse(string code)
    {
        var tokens = new List<char>();     // y, m, d, h, s for each run of date/time letters
        bool digits = false, percent = false, elapsed = false, afterPoint = false, scientific = false;
        int decimals = 0, zeros = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case ';': i = code.Length; continue;
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    i = close < 0 ? code.Length : close;
                    continue;
                case '\\' or '_' or '*': i++; continue;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    var inside = end < 0 ? "" : code[(i + 1)..end].ToLowerInvariant();
                    if (inside.Length > 0 && inside.All(ch => ch is 'h' or 'm' or 's'))
                    {
                        elapsed = true;
                        tokens.Add(inside[0]);
                    }
                    i = end < 0 ? code.Length : end;
                    continue;
            }
            var l = char.ToLowerInvariant(c);
            if (l == 'e' && i + 1 < code.Length && code[i + 1] is '+' or '-') { scientific = true; i++; continue; }
            if (code.AsSpan(i).StartsWith("general", StringComparison.OrdinalIgnoreCase)) { i += 6; continue; }
            if (code.AsSpan(i).StartsWith("am/pm", StringComparison.OrdinalIgnoreCase)) { i += 4; continue; }
            if (code.AsSpan(i).StartsWith("a/p", StringComparison.OrdinalIgnoreCase)) { i += 2; continue; }
            if (l is 'y' or 'e' or 'm' or 'd' or 'h' or 's')
            {
                var token = l == 'e' ? 'y' : l;
                if (tokens.Count == 0 || !(i > 0 && char.ToLowerInvariant(code[i - 1]) == l)) tokens.Add(token);
                continue;
            }
            if (c is '0' or '#' or '?')
            {
                digits = true;
                if (afterPoint) { decimals++; if (c == '0') zeros++; }
            }
            else if (c == '.') afterPoint = true;
            else if (c == '%') percent = true;
        }

        // Scientific and fraction formats are shown as General: an answer "1.5E+03" helps nobody.
        if (tokens.Count == 0)
            return digits && !scientific && !code.Contains('/') ? new(Kinds.Fixed, decimals, zeros, percent) : General;

        // "m" is minutes right after an hour or right before seconds, otherwise the month.
        bool day = false, month = false, year = false, time = false, seconds = false;
        for (var t = 0; t < tokens.Count; t++)
        {
            switch (tokens[t])
            {
                case 'y': year = true; break;
                case 'd': day = true; break;
                case 'h': time = true; break;
                case 's': time = seconds = true; break;
                case 'm':
                    if ((t > 0 && tokens[t - 1] == 'h') || (t + 1 < tokens.Count && tokens[t + 1] == 's')) time = true;
                    else month = true;
                    break;
            }
        }
        if (elapsed) return new(Kinds.Elapsed, Seconds: seconds);
        return new(Kinds.DateTime, Day: day, Month: month, Year: year, Time: time, Seconds: seconds);
    }

    /// <summary>
    /// The text for a cell's stored number <paramref name="raw"/>; the raw text when it is not a number. Decimals
    /// use <paramref name="decimalSeparator"/>: the bank's language decides, as Excel's display follows the locale
    /// (a Vietnamese "2,5" is the number 2.5 in the file).
    /// </summary>
    public string Display(string raw, bool date1904, char decimalSeparator = '.')
    {
        // Most numeric cells are whole numbers in General (time limits, points): already as shown.
        if (Kind == Kinds.General && raw.Length is > 0 and < 16 && raw[0] != '0' && raw.All(char.IsAsciiDigit)) return raw;
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || double.IsNaN(v) || double.IsInfinity(v)) return raw;
        var text = Kind switch
        {
            Kinds.Fixed => Fixed(v),
            Kinds.DateTime when v >= 0 && v < 2_958_466 => DateText(v, date1904),
            Kinds.Elapsed when v >= 0 => ElapsedText(v),
            _ => GeneralText(v),
        };
        return decimalSeparator == '.' || Kind is Kinds.DateTime or Kinds.Elapsed ? text : text.Replace('.', decimalSeparator);
    }

    /// <summary>
    /// Fifteen significant digits, as Excel keeps them: 0.1+0.2 is stored as 0.30000000000000004 and shown as 0.3.
    /// </summary>
    public static string GeneralText(double v)
    {
        var rounded = double.Parse(v.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded == Math.Floor(rounded) && Math.Abs(rounded) < 1e15) return ((long)rounded).ToString(CultureInfo.InvariantCulture);
        return rounded.ToString("0.##############", CultureInfo.InvariantCulture) is var plain && plain != "0" && plain != "-0"
            ? plain
            : rounded.ToString("G15", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Decimals and percent as the format shows them ("0.0#": one to two decimals); thousands grouping is left
    /// out, as its separator depends on the locale.
    /// </summary>
    private string Fixed(double v)
    {
        var scaled = Percent ? v * 100 : v;
        if (Math.Abs(scaled) >= 1e15) return GeneralText(v);
        var value = (decimal)Math.Round(scaled, Math.Min(Decimals, 15), MidpointRounding.AwayFromZero);
        var text = value.ToString("0." + new string('0', MinDecimals) + new string('#', Decimals - MinDecimals), CultureInfo.InvariantCulture);
        return Percent ? text + "%" : text;
    }

    private string DateText(double serial, bool date1904)
    {
        var days = (int)Math.Floor(serial);
        var secondsOfDay = (int)Math.Round((serial - days) * 86400, MidpointRounding.AwayFromZero);
        if (secondsOfDay >= 86400) { days++; secondsOfDay -= 86400; }

        var text = new StringBuilder();
        // A time-only format (or a bare time of day 0) shows no date.
        if (Day || Month || Year || !Time)
        {
            // Excel's 1900 system counts a 29 February 1900 that never was (serial 60), for Lotus 1-2-3's sake.
            var (d, m, y) = date1904 ? Parts(new DateTime(1904, 1, 1).AddDays(days))
                : days == 60 ? (29, 2, 1900)
                : Parts(new DateTime(1899, 12, days < 60 ? 31 : 30).AddDays(days));
            var showDay = Day || !Month;
            var showYear = Year || !Month || !Day;
            if (showDay) text.Append(d).Append('/');
            text.Append(m);
            if (showYear) text.Append('/').Append(y);
        }
        if (Time)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(Clock(secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60));
        }
        return text.ToString();
    }

    private string ElapsedText(double serial)
    {
        var total = (long)Math.Round(serial * 86400, MidpointRounding.AwayFromZero);
        return Clock(total / 3600, total / 60 % 60, total % 60);
    }

    private string Clock(long h, long m, long s) =>
        Seconds ? $"{h}:{m:00}:{s:00}" : $"{h}:{m:00}";

    private static (int, int, int) Parts(DateTime d) => (d.Day, d.Month, d.Year);
}
