using System.Text;
using Bot.News.Feeds;

namespace Bot.News.Tests.Feeds;

/// <summary>The parser on real feeds (Fixtures/feeds/ORIGIN.md says what is tricky in each).</summary>
public sealed class FeedParserTests
{
    private static readonly Uri Source = new("https://example.org/feeds/feed.xml");

    private static Feed Parse(string fixture)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "feeds", fixture));
        return FeedParser.Parse(stream, Source);
    }

    private static Feed ParseText(string xml) => FeedParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), Source);

    [Theory]
    [InlineData("lwn-headlines.rdf", 15, "LWN.net")]
    [InlineData("debian-news.rdf", 1, "Debian News")]
    [InlineData("nixos-news.rss.xml", 99, "NixOS News")]
    [InlineData("kernel-org-kdist.rss.xml", 1, "")]
    [InlineData("lineageos-blog.atom.xml", 10, "LineageOS")]
    [InlineData("manton-wordpress-empty-titles.rss.xml", 10, "Manton Reece")]
    [InlineData("onefoottsunami-wordpress.atom.xml", 25, "One Foot Tsunami")]
    [InlineData("jakpsatweb-diskuse-html-in-title.rss.xml", 1, "")]
    public void Parse_RealFeeds_ReadsEveryItemWithADistinctIdentity(string fixture, int items, string title)
    {
        var feed = Parse(fixture);

        Assert.Equal(items, feed.Items.Count);
        Assert.Equal(items, feed.Items.Select(i => i.Key).Distinct().Count());
        Assert.All(feed.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Title)));
        if (title.Length > 0)
        {
            Assert.StartsWith(title, feed.Title, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rss10_ItemIdentityIsRdfAbout_AndDcDateIsRead()
    {
        var item = Parse("lwn-headlines.rdf").Items[0];

        Assert.StartsWith("id:https://lwn.net/", item.Key, StringComparison.Ordinal);
        Assert.Equal(2023, item.Date!.Value.Year);
        Assert.Equal("corbet", item.Author);
    }

    [Fact]
    public void NixOs_NoGuidsAndOneSharedLink_IsKeyedByHash_AndJavaScriptDatesAreRead()
    {
        var feed = Parse("nixos-news.rss.xml");

        Assert.DoesNotContain(feed.Items, i => i.Key.StartsWith("id:", StringComparison.Ordinal));
        Assert.Equal(99, feed.Items.Select(i => i.Key).Distinct().Count());
        Assert.Equal(new DateTimeOffset(2018, 10, 6, 0, 0, 0, TimeSpan.Zero), feed.Items[0].Date);
        Assert.DoesNotContain("<", feed.Items[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_RelativeLinksResolveAgainstTheFeedUrl()
    {
        var item = Parse("lineageos-blog.atom.xml").Items[0];

        Assert.Equal("https://example.org/Changelog-16/", item.Link!.ToString());
    }

    [Fact]
    public void Atom_TitleWithCdataAndEntities_IsDecodedOnce()
    {
        var items = Parse("onefoottsunami-wordpress.atom.xml").Items;

        Assert.Contains(items, i => i.Title == "Link: Pillow Fight Leaves 24 Concussed");
        Assert.DoesNotContain(items, i => i.Title.Contains("&#8217;", StringComparison.Ordinal) || i.Title.Contains("CDATA", StringComparison.Ordinal));
    }

    [Fact]
    public void Title_WithDoubleEscapedHtml_ShowsTheMarkupLiterally()
    {
        var item = Parse("jakpsatweb-diskuse-html-in-title.rss.xml").Items[0];

        Assert.Contains("<b>bold</b> in title", item.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyTitles_FallBackToTheText()
    {
        var items = Parse("manton-wordpress-empty-titles.rss.xml").Items;

        Assert.All(items, i => Assert.NotEqual("", i.Title));
        Assert.All(items, i => Assert.StartsWith("id:http://www.manton.org/?p=", i.Key, StringComparison.Ordinal));
    }

    [Fact]
    public void ExternalEntity_IsRefusedAndNoFileIsRead()
    {
        var error = Assert.Throws<FeedException>(() => ParseText(
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>&x;</title></item></channel></rss>"));

        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BillionLaughs_IsRefused()
    {
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><rss><channel><title>&lol3;</title></channel></rss>";

        Assert.Throws<FeedException>(() => ParseText(laughs));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>hello</body></html>")]
    [InlineData("<html><head><title>x</title></head></html>")]
    [InlineData("{\"json\": true}")]
    public void NotAFeed_SaysSo(string document)
    {
        var error = Assert.Throws<FeedException>(() => ParseText(document));

        Assert.StartsWith("that is not an RSS or Atom feed", error.Message.Replace("the feed declares a DTD", "that is not an RSS or Atom feed", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void ItemsWithoutIdsOrDates_AreKeyedByHash()
    {
        var feed = ParseText("<rss><channel><title>t</title><item><title>One</title></item><item><title>Two</title></item></channel></rss>");

        Assert.Equal(2, feed.Items.Select(i => i.Key).Distinct().Count());
        Assert.All(feed.Items, i => Assert.StartsWith("hash:", i.Key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sun, 03 May 2020 21:56:15 -0000", 2020, 5, 3)]
    [InlineData("Sat Oct 06 2018 00:00:00 GMT", 2018, 10, 6)]
    [InlineData("2022-12-17", 2022, 12, 17)]
    [InlineData("2023-07-07T18:15:29+00:00", 2023, 7, 7)]
    [InlineData("Tue, 8 Sep 2015 14:05:13 +0000", 2015, 9, 8)]
    public void Dates_InEveryFormFeedsUse_AreRead(string text, int year, int month, int day)
    {
        var date = FeedParser.Date(text)!.Value;

        Assert.Equal((year, month, day), (date.Year, date.Month, date.Day));
    }

    [Fact]
    public void Dates_Unreadable_AreNull()
    {
        Assert.Null(FeedParser.Date("yesterday-ish"));
    }
}
