using System.Net;
using System.Text.RegularExpressions;

namespace Bot.News.Feeds;

/// <summary>Feed markup to plain text, whichever way the feed escaped it.</summary>
internal static partial class Html
{
    /// <summary>
    /// An element's inner XML to text: CDATA sections, child elements (raw XHTML), one level of XML
    /// escaping and then the HTML that escaping carried (tags dropped, entities decoded). Double-escaped
    /// markup thus shows literally (<c>&lt;b&gt;</c> stays visible as text), as its author meant.
    /// </summary>
    public static string FromInnerXml(string? inner)
    {
        if (string.IsNullOrWhiteSpace(inner))
        {
            return "";
        }

        var text = Cdata().Replace(inner, m => System.Security.SecurityElement.Escape(m.Groups[1].Value));
        text = Tags().Replace(Breaks().Replace(text, " "), "");
        text = WebUtility.HtmlDecode(text);
        return ToText(text);
    }

    /// <summary>HTML to text: tags dropped, entities decoded, whitespace collapsed.</summary>
    public static string ToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var text = Tags().Replace(Breaks().Replace(html, " "), "");
        text = WebUtility.HtmlDecode(text);
        return Spaces().Replace(text, " ").Trim();
    }

    public static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)].TrimEnd(',', '.', ';', ':') + "…";
    }

    [GeneratedRegex(@"<!\[CDATA\[(.*?)\]\]>", RegexOptions.Singleline)]
    private static partial Regex Cdata();

    [GeneratedRegex(@"<(br|/p|/div|/li|/h\d)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
