using System.Text.RegularExpressions;

namespace Bot.Core.Rendering;

/// <summary>Conversions of the replies' Markdown subset for platforms that show plain text.</summary>
public static partial class MarkdownText
{
    /// <summary>
    /// Plain text for a terminal or a Matrix plain body: bold and italic markers dropped, links as
    /// <c>label &lt;url&gt;</c>; inline code keeps its backticks, which read well as plain text.
    /// </summary>
    public static string ToPlain(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = Link().Replace(markdown, m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[2].Value : $"{m.Groups[1].Value} <{m.Groups[2].Value}>");
        text = Bold().Replace(text, "$1");
        text = Italic().Replace(text, "$1$2");
        return Escaped().Replace(text, "$1");
    }

    /// <summary>Escapes text from users or feeds so that it shows literally inside a Markdown reply.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Special().Replace(text, @"\$0");
    }

    [GeneratedRegex(@"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"[\\`*_~|>\[\]()#]")]
    private static partial Regex Special();

    [GeneratedRegex(@"\\([\\`*_~|>\[\]()#])")]
    private static partial Regex Escaped();
}
