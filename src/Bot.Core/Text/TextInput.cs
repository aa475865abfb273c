using System.Text;

namespace Bot.Core.Text;

/// <summary>Cleans a line that a person typed before anything parses it.</summary>
public static class TextInput
{
    /// <summary>
    /// Removes control characters and bidirectional overrides (which can make text read
    /// differently from how it parses), turns tabs into spaces and trims.
    /// </summary>
    public static string Sanitize(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return "";
        }

        var clean = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (c == '\t')
            {
                clean.Append(' ');
            }
            else if (!char.IsControl(c) && !IsBidiControl(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString().Trim();
    }

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F';
}
