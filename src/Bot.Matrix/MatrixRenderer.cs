using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Core.Rendering;
using Bot.Core.Replies;

namespace Bot.Matrix;

/// <summary>
/// A reply as an m.notice: a plain body, and an HTML formatted_body in the safe subset Matrix
/// clients render (b, i, code, a, br, ul/li, h4, blockquote). Every piece of text is HTML-escaped
/// before the subset's tags are added, and @room is neutralised, so no text can inject markup or ping.
/// </summary>
internal static partial class MatrixRenderer
{
    public static readonly string[] Letters = ["🇦", "🇧", "🇨", "🇩", "🇪"];

    public static (string Body, string Html) Render(Reply reply)
    {
        var plain = new StringBuilder();
        var html = new StringBuilder();
        if (reply.Title is { Length: > 0 } title)
        {
            plain.AppendLine(MarkdownText.ToPlain(title));
            html.Append("<h4>").Append(reply.Link is { } link ? $"<a href=\"{Attr(link.Url.ToString())}\">{Inline(title)}</a>" : Inline(title)).Append("</h4>");
        }

        if (reply.Text.Length > 0)
        {
            plain.AppendLine(MarkdownText.ToPlain(reply.Text));
            html.Append(Block(reply.Text));
        }

        foreach (var field in reply.Fields)
        {
            plain.Append(field.Name).Append(": ").AppendLine(MarkdownText.ToPlain(field.Value));
            html.Append("<p><b>").Append(Escape(field.Name)).Append(":</b><br>").Append(Block(field.Value, paragraphs: false)).Append("</p>");
        }

        for (var i = 0; i < reply.Buttons.Count && i < Letters.Length; i++)
        {
            plain.Append(Letters[i]).Append(' ').AppendLine(reply.Buttons[i].Label);
        }

        if (reply.Buttons.Count > 0)
        {
            plain.AppendLine("(react with the letter, or !a B)");
            html.Append("<p>").Append(string.Join("<br>", reply.Buttons.Take(Letters.Length).Select((b, i) => $"{Letters[i]} {Escape(b.Label)}"))).Append("<br><i>react with the letter, or !a B</i></p>");
        }

        if (reply.Footer is { Length: > 0 } footer)
        {
            plain.AppendLine(MarkdownText.ToPlain(footer));
            html.Append("<p><i>").Append(Inline(footer)).Append("</i></p>");
        }

        return (Neutralise(plain.ToString().TrimEnd()), Neutralise(html.ToString()));
    }

    private static string Block(string markdown, bool paragraphs = true)
    {
        var html = new StringBuilder();
        var inList = false;
        foreach (var line in markdown.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                html.Append(inList ? "" : "<ul>").Append("<li>").Append(Inline(line[2..])).Append("</li>");
                inList = true;
                continue;
            }

            if (inList)
            {
                html.Append("</ul>");
                inList = false;
            }

            html.Append(line.Length == 0 ? (paragraphs ? "<br>" : "") : Inline(line) + "<br>");
        }

        return (inList ? html.Append("</ul>") : html).ToString();
    }

    /// <summary>The Markdown subset to HTML, after escaping: code spans, links, bold, italic.</summary>
    private static string Inline(string markdown)
    {
        var escaped = Escape(markdown);
        escaped = Code().Replace(escaped, "<code>$1</code>");
        escaped = Link().Replace(escaped, m => $"<a href=\"{m.Groups[2].Value}\">{m.Groups[1].Value}</a>");
        escaped = Bold().Replace(escaped, "<b>$1</b>");
        escaped = Italic().Replace(escaped, "<i>$1</i>");
        return Unescape().Replace(escaped, "$1");
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Attr(string text) => WebUtility.HtmlEncode(text);

    private static string Neutralise(string text) => text.Replace("@room", "@\u200Broom", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\[([^\]]+)\]\((https?://[^)\s""<>]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*\\])\*(?!\s)(.+?)(?<![\s\\])\*(?![\w*])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"\\([\\`*_~|>\[\]()#])")]
    private static partial Regex Unescape();
}
