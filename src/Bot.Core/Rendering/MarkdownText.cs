using System.Text.RegularExpressions;

namespace Bot.Core.Rendering;

/// <summary>Conversions of the replies' Markdown subset for platforms that show plain text.</summary>
public static partial class MarkdownText
{
    private const string ZeroWidthSpace = "\u200B";

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

    /// <summary>
    /// Text from a person or a remote server (a display name, an HTTP reason phrase) as it may go into
    /// a reply: Markdown in it shows literally, so it makes no masked link, and it pings nobody.
    /// </summary>
    public static string Literal(string text) => NeutraliseMentions(Escape(text));

    /// <summary>
    /// No text may ping a room or a server: @room, @everyone and @here, and Discord's &lt;@…&gt; mention
    /// syntax, get a zero-width space that keeps them readable but inert.
    /// </summary>
    public static string NeutraliseMentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return RoomMention().Replace(text, "@" + ZeroWidthSpace).Replace("<@", "<" + ZeroWidthSpace + "@", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex("@(?=room|everyone|here)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoomMention();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"[\\`*_~|>\[\]()#]")]
    private static partial Regex Special();

    [GeneratedRegex(@"\\([\\`*_~|>\[\]()#])")]
    private static partial Regex Escaped();
}
