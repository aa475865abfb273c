using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Bot.News.Feeds;

/// <summary>
/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 with XmlReader: no DTD, no external entities, lenient
/// dates, descriptions read as inner XML (some feeds put raw XHTML there), links resolved against
/// the feed's URL. Item identity: guid or id, else the normalised link, else a hash of title and date.
/// </summary>
internal static partial class FeedParser
{
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Dc = "http://purl.org/dc/elements/1.1/";

    public static Feed Parse(Stream stream, Uri source)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var xml = XmlReader.Create(stream, settings);
            xml.MoveToContent();
            return (xml.LocalName, xml.NamespaceURI) switch
            {
                ("rss", _) => ReadRss(xml, source),
                ("RDF", Rdf) => ReadRss(xml, source),
                ("feed", Atom) => ReadAtom(xml, source),
                _ => throw new FeedException("that is not an RSS or Atom feed"),
            };
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            if (LooksLikeHtml(stream))
            {
                throw new FeedException("that is not an RSS or Atom feed (it is an HTML page)", ex);
            }

            throw new FeedException("the feed declares a DTD, which is refused (no external entities, no entity expansion)", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedException($"that is not an RSS or Atom feed (line {ex.LineNumber}: {ex.Message.Split(" Line ", 2)[0]})", ex);
        }
    }

    private static Feed ReadRss(XmlReader xml, Uri source)
    {
        var title = "";
        var items = new List<FeedItem>();
        xml.Read();
        while (!xml.EOF)
        {
            // ReadInnerXml moves past the element itself; everything else needs a Read().
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "item")
            {
                items.Add(ReadRssItem(xml, source, items.Count));
                xml.Read();
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "title" && title.Length == 0 && xml.Depth <= 2)
            {
                title = Html.FromInnerXml(xml.ReadInnerXml());
            }
            else
            {
                xml.Read();
            }
        }

        return Distinct(new Feed(title, items));
    }

    private static FeedItem ReadRssItem(XmlReader outer, Uri source, int position)
    {
        string? guid = outer.GetAttribute("about", Rdf);
        string title = "", summary = "", content = "";
        string? link = null, author = null, date = null;
        using var xml = outer.ReadSubtree();
        xml.Read();
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }

            switch (xml.LocalName)
            {
                case "guid":
                    guid = xml.ReadElementContentAsString().Trim();
                    break;
                case "title":
                    title = Html.FromInnerXml(xml.ReadInnerXml());
                    break;
                case "link":
                    link = xml.ReadElementContentAsString().Trim();
                    break;
                case "description":
                    summary = xml.ReadInnerXml();
                    break;
                case "encoded":
                    content = xml.ReadInnerXml();
                    break;
                case "creator" or "author":
                    author = Html.FromInnerXml(xml.ReadInnerXml());
                    break;
                case "pubDate":
                case "date" when xml.NamespaceURI == Dc:
                    date = xml.ReadElementContentAsString().Trim();
                    break;
                default:
                    xml.Skip();
                    break;
            }
        }

        return Item(guid, title, link, summary.Length > 0 ? summary : content, author, date, source, position);
    }

    private static Feed ReadAtom(XmlReader xml, Uri source)
    {
        var title = "";
        var items = new List<FeedItem>();
        var feedBase = Base(xml, source);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "entry" && xml.NamespaceURI == Atom)
            {
                items.Add(ReadAtomEntry(xml, feedBase, items.Count));
            }
            else if (xml.LocalName == "title" && xml.Depth == 1 && title.Length == 0)
            {
                title = Html.FromInnerXml(xml.ReadInnerXml());
            }
        }

        return new Feed(title, items);
    }

    private static FeedItem ReadAtomEntry(XmlReader outer, Uri feedBase, int position)
    {
        var entryBase = Base(outer, feedBase);
        string? id = null, link = null, author = null, published = null, updated = null;
        string title = "", summary = "", content = "";
        using var xml = outer.ReadSubtree();
        xml.Read();
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }

            switch (xml.LocalName)
            {
                case "id":
                    id = xml.ReadElementContentAsString().Trim();
                    break;
                case "title":
                    title = Html.FromInnerXml(xml.ReadInnerXml());
                    break;
                case "link":
                    var rel = xml.GetAttribute("rel") ?? "alternate";
                    if (rel == "alternate" && link is null)
                    {
                        link = xml.GetAttribute("href") ?? "";
                    }

                    xml.Skip();
                    break;
                case "summary":
                    summary = xml.ReadInnerXml();
                    break;
                case "content":
                    content = xml.ReadInnerXml();
                    break;
                case "name":
                    author ??= xml.ReadElementContentAsString().Trim();
                    break;
                case "published":
                    published = xml.ReadElementContentAsString().Trim();
                    break;
                case "updated":
                    updated = xml.ReadElementContentAsString().Trim();
                    break;
                case "author":
                    xml.Read();
                    break;
                default:
                    xml.Skip();
                    break;
            }
        }

        return Item(id, title, link, summary.Length > 0 ? summary : content, author, published ?? updated, entryBase, position);
    }

    private static bool LooksLikeHtml(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        stream.Position = 0;
        var head = new byte[256];
        var read = stream.Read(head, 0, head.Length);
        return Encoding.UTF8.GetString(head, 0, read).Contains("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A link or id that several items share identifies none of them (NixOS gives every item the same
    /// link): those items are keyed by the hash of their content instead.
    /// </summary>
    private static Feed Distinct(Feed feed)
    {
        var shared = feed.Items.GroupBy(i => i.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (shared.Count == 0)
        {
            return feed;
        }

        return feed with { Items = [.. feed.Items.Select(i => shared.Contains(i.Key) ? i with { Key = Hash(i.Title, i.Date?.ToString("O", CultureInfo.InvariantCulture), i.Summary) } : i)] };
    }

    private static string Hash(string title, string? date, string summary) =>
        "hash:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{date}\n{summary}")))[..32];

    private static FeedItem Item(string? guid, string title, string? link, string summaryHtml, string? author, string? dateText, Uri baseUri, int position)
    {
        Uri? url = null;
        if (link is not null && Uri.TryCreate(baseUri, link, out var resolved) && resolved.Scheme is "http" or "https")
        {
            url = resolved;
        }

        var date = Date(dateText);
        var summary = Html.FromInnerXml(summaryHtml);
        if (title.Length == 0)
        {
            // Micro-posts have no title: the start of the text, else the link, stands in.
            title = summary.Length > 0 ? Html.Clip(summary, 80) : url?.ToString() ?? "(untitled)";
        }

        var key = !string.IsNullOrWhiteSpace(guid) && guid != "//" ? "id:" + guid
            : url is not null ? "link:" + Normalise(url)
            : Hash(title, date?.ToString("O", CultureInfo.InvariantCulture), summary);
        return new FeedItem(key, title, url, summary, author, date, position);
    }

    private static Uri Base(XmlReader xml, Uri fallback)
    {
        var value = xml.GetAttribute("xml:base");
        return !string.IsNullOrEmpty(value) && Uri.TryCreate(fallback, value, out var uri) ? uri : fallback;
    }

    private static string Normalise(Uri url)
    {
        var builder = new UriBuilder(url) { Fragment = "" };
        if ((builder.Scheme == "http" && builder.Port == 80) || (builder.Scheme == "https" && builder.Port == 443))
        {
            builder.Port = -1;
        }

        builder.Host = builder.Host.ToLowerInvariant();
        return builder.Uri.ToString().TrimEnd('/');
    }

    /// <summary>RFC 822, ISO 8601, date-only, and JavaScript's Date.toString() ("Sat Oct 06 2018 00:00:00 GMT").</summary>
    internal static DateTimeOffset? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var clean = text.Trim().Replace(" -0000", " +0000", StringComparison.Ordinal).Replace(" UT", " +0000", StringComparison.Ordinal);
        clean = Zone().Replace(clean, m => m.Value.Trim() switch { "GMT" or "UTC" or "Z" => " +0000", "EST" => " -0500", "EDT" => " -0400", "PST" => " -0800", "PDT" => " -0700", _ => m.Value });
        string[] formats =
        [
            "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz", "dd MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz",
            "ddd, dd MMM yyyy HH:mm zzz", "ddd MMM dd yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss", "yyyy-MM-dd",
        ];
        var compact = CompactZone().Replace(clean, m => $"{m.Groups[1].Value}{m.Groups[2].Value}:{m.Groups[3].Value}");
        if (DateTimeOffset.TryParseExact(compact, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var exact))
        {
            return exact;
        }

        return DateTimeOffset.TryParse(compact, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var loose) ? loose : null;
    }

    [GeneratedRegex(@"\s(GMT|UTC|Z|EST|EDT|PST|PDT)$")]
    private static partial Regex Zone();

    [GeneratedRegex(@"([+-])(\d{2})(\d{2})$")]
    private static partial Regex CompactZone();
}
