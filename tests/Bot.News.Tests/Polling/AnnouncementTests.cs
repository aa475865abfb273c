using Bot.Core.Chat;
using Bot.Core.Replies;
using Bot.News.Announcements;
using Bot.News.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.News.Tests.Polling;

public sealed class AnnouncementTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPlatform _platform = new();

    [Fact]
    public async Task Announcement_Now_IsPostedOnceWithoutPinging()
    {
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform);

        var reply = await news.SayAsync("announce", "send", new() { ["text"] = "AlmaLinux 9.7 is out, @everyone" });

        Assert.Equal("Announced in news.", reply.Text);
        var post = Assert.Single(_platform.Visible);
        Assert.Equal("AlmaLinux 9.7 is out, @\u200Beveryone", post.Reply.Text);
    }

    [Fact]
    public async Task Announcement_Later_SurvivesARestartAndIsPostedWhenDue()
    {
        var database = new MemoryStream();
        string id;
        using (var news = new NewsHarness(database, _clock, _platform))
        {
            var reply = await news.SayAsync("announce", "send", new() { ["text"] = "Maintenance tonight", ["at"] = "in 2h", ["channel"] = "#general" });
            Assert.StartsWith("Announcement `a", reply.Text, StringComparison.Ordinal);
            Assert.Contains("will be posted in general at 2026-11-20 14:00 UTC", reply.Text, StringComparison.Ordinal);
            id = reply.Text.Split('`')[1];
            Assert.Contains(id, (await news.SayAsync("announce", "list")).Text, StringComparison.Ordinal);
        }

        Assert.Empty(_platform.Visible);
        _clock.Advance(TimeSpan.FromHours(3));
        using var restarted = new NewsHarness(database, _clock, _platform);
        await restarted.Announcer.RestoreAsync(default);

        var post = Assert.Single(_platform.Visible);
        Assert.Equal("general", post.To.Channel);
        Assert.Equal("No announcements are waiting.", (await restarted.SayAsync("announce", "list")).Text);
    }

    [Fact]
    public async Task Announcement_ToADiscordChannelMention_GoesToThatChannelsId()
    {
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform);

        await news.SayAsync("announce", "send", new() { ["text"] = "Release day", ["channel"] = "<#123456789012345678>" });

        Assert.Equal("123456789012345678", Assert.Single(_platform.Visible).To.Channel);
    }

    [Fact]
    public async Task Announcement_Cancelled_IsNeverPosted()
    {
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform);
        var reply = await news.SayAsync("announce", "send", new() { ["text"] = "Soon", ["at"] = "in 30m" });
        var id = reply.Text.Split('`')[1];

        var cancelled = await news.SayAsync("announce", "cancel", new() { ["id"] = id });
        _clock.Advance(TimeSpan.FromHours(1));
        await news.Announcer.RestoreAsync(default);

        Assert.Equal($"Cancelled announcement `{id}`.", cancelled.Text);
        Assert.Empty(_platform.Visible);
    }

    [Fact]
    public async Task Announcement_ToAChannelThePlatformRefuses_IsNeitherPostedNorStored()
    {
        var rule = new StubAuthority(NewsHarness.Channel.Platform, TargetVerdict.Refuse("That channel is not in this server."));
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform, authority: rule);

        var now = await news.SayAsync("announce", "send", new() { ["text"] = "Spam", ["channel"] = "<#999>" });
        var later = await news.SayAsync("announce", "send", new() { ["text"] = "Spam", ["at"] = "in 1h", ["channel"] = "<#999>" });
        _clock.Advance(TimeSpan.FromHours(2));
        await news.Announcer.RestoreAsync(default);

        Assert.Equal(("That channel is not in this server.", Tone.Problem), (now.Text, now.Tone));
        Assert.Equal(Tone.Problem, later.Tone);
        Assert.Equal("999", rule.Asked[0].Channel);
        Assert.Empty(_platform.Visible);
        Assert.Empty(news.Store.PendingAnnouncements());
    }

    [Fact]
    public async Task Announcement_ToTheChannelItWasGivenIn_NeedsNoCheck()
    {
        var rule = new StubAuthority(NewsHarness.Channel.Platform, TargetVerdict.Refuse("never asked"));
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform, authority: rule);

        await news.SayAsync("announce", "send", new() { ["text"] = "Here", ["channel"] = NewsHarness.Channel.Channel });

        Assert.Single(_platform.Visible);
        Assert.Empty(rule.Asked);
    }

    [Fact]
    public async Task Announcement_ToAnotherChannel_OnAPlatformWithoutARule_IsRefused()
    {
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform, authority: new StubAuthority("elsewhere", TargetVerdict.Allow));

        var reply = await news.SayAsync("announce", "send", new() { ["text"] = "x", ["channel"] = "#general" });

        Assert.Equal(ChannelAuthorities.NoOtherChannels, reply.Text);
        Assert.Empty(_platform.Visible);
    }

    [Theory]
    [InlineData("tomorrow-ish")]
    [InlineData("2020-01-01T00:00Z")]
    public async Task Announcement_BadOrPastTime_IsRefused(string at)
    {
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform);

        var reply = await news.SayAsync("announce", "send", new() { ["text"] = "x", ["at"] = at });

        Assert.Equal(Bot.Core.Replies.Tone.Problem, reply.Tone);
        Assert.Empty(_platform.Visible);
    }

    [Theory]
    [InlineData("in 30m", 30)]
    [InlineData("2h", 120)]
    [InlineData("in 1d", 1440)]
    [InlineData("in 30M", 30)]
    [InlineData("30min", 30)]
    [InlineData("in 30 MIN", 30)]
    [InlineData("2H", 120)]
    [InlineData("1D", 1440)]
    [InlineData("  in   45 m  ", 45)]
    public void ParseTime_Relative(string text, int minutes)
    {
        var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddMinutes(minutes), Announcer.ParseTime(text, now));
    }

    [Theory]
    [InlineData("2026-12-01T18:00Z", "2026-12-01T18:00:00+00:00")]
    [InlineData("2026-12-01 18:00", "2026-12-01T18:00:00+00:00")]
    [InlineData("2026-12-01T18:00+02:00", "2026-12-01T16:00:00+00:00")]
    public void ParseTime_Absolute_IsReadAsUtc(string text, string expected)
    {
        var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Announcer.ParseTime(text, now));
    }

    [Theory]
    [InlineData("in 30s")]
    [InlineData("in 2w")]
    [InlineData("1y")]
    [InlineData("in 3mo")]
    [InlineData("in 2 hours")]
    [InlineData("in 30 x")]
    [InlineData("in 30")]
    [InlineData("in m")]
    [InlineData("in -5m")]
    [InlineData("in \u0661\u0662m")]
    [InlineData("10:30")]
    [InlineData("1 may")]
    public void ParseTime_AnythingElse_IsRefused(string text)
    {
        var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

        Assert.Null(Announcer.ParseTime(text, now));
    }

    [Fact]
    public async Task Announcement_UnknownUnit_IsRefusedWithEveryFormItTakes()
    {
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform);

        var reply = await news.SayAsync("announce", "send", new() { ["text"] = "x", ["at"] = "in 30 x" });

        Assert.Equal(Bot.Core.Replies.Tone.Problem, reply.Tone);
        Assert.Equal("`in 30 x` is not a time I understand; use `in 30m` (minutes: `m` or `min`), `in 2h` (hours), `in 1d` (days), `2026-12-01T18:00Z` or `2026-12-01 18:00` (UTC).", reply.Text);
        Assert.Empty(_platform.Visible);
    }
}
