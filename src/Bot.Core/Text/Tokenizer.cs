using System.Text;

namespace Bot.Core.Text;

/// <summary>Splits a line into words; "double" or 'single' quotes keep spaces, a backslash escapes a quote.</summary>
public static class Tokenizer
{
    /// <summary>The words, or an error when a quote is not closed.</summary>
    public static (IReadOnlyList<Token> Tokens, string? Error) Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tokens = new List<Token>();
        var current = new StringBuilder();
        var inToken = false;
        var quotedStart = false;
        char? quote = null;
        var quoteAt = -1;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == '\\' && i + 1 < line.Length && (line[i + 1] == q || line[i + 1] == '\\'))
                {
                    current.Append(line[++i]);
                }
                else if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(new Token(current.ToString(), quotedStart));
                    current.Clear();
                    inToken = false;
                }

                continue;
            }

            if (c is '"' or '“' or '”' or '\'' && (!inToken || current.Length == 0 || current[^1] == ':'))
            {
                // Quotes open only at the start of a word or a value (name:"two words"), so that
                // apostrophes inside words ("what's") stay text.
                quotedStart |= !inToken;
                inToken = true;
                quote = c is '“' or '”' ? '”' : c;
                quoteAt = i;
                continue;
            }

            inToken = true;
            current.Append(c);
        }

        if (quote is not null)
        {
            var start = Math.Max(0, quoteAt);
            var shown = line.Length - start > 30 ? string.Concat(line.AsSpan(start, 30), "…") : line[start..];
            return ([], $"A quote is not closed: `{shown.Replace('`', '\'')}`. Close it, or leave the quotes out.");
        }

        if (inToken)
        {
            tokens.Add(new Token(current.ToString(), quotedStart));
        }

        return (tokens, null);
    }
}
