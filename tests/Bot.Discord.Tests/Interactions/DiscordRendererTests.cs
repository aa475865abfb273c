using Bot.Core.Replies;
using Bot.Discord.Interactions;

namespace Bot.Discord.Tests.Interactions;

public sealed class DiscordRendererTests
{
    [Fact]
    public void Message_OverTheLimits_IsCutWithAVisibleEllipsisAndStaysUnder6000()
    {
        var reply = new Reply
        {
            Title = new string('t', 300),
            Text = new string('x', 5000),
            Fields = [.. Enumerable.Range(0, 30).Select(i => new ReplyField($"f{i}", new string('v', 2000)))],
            Buttons = [.. Enumerable.Range(0, 7).Select(i => new ReplyButton($"b:{i}" + new string('i', 120), "B"))],
        };

        var message = DiscordRenderer.Message(reply);
        var embed = message["embeds"]![0]!;

        Assert.EndsWith("…", (string)embed["title"]!, StringComparison.Ordinal);
        Assert.Equal(256, ((string)embed["title"]!).Length);
        Assert.EndsWith("…", (string)embed["description"]!, StringComparison.Ordinal);
        Assert.True(((string)embed["description"]!).Length <= 4096);
        var total = ((string)embed["title"]!).Length + ((string)embed["description"]!).Length
            + embed["fields"]!.AsArray().Sum(f => ((string)f!["name"]!).Length + ((string)f["value"]!).Length);
        Assert.True(total <= 6000, $"{total} characters");
        Assert.Equal(2, message["components"]!.AsArray().Count);
        Assert.All(message["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray()), b => Assert.True(((string)b!["custom_id"]!).Length <= 100));
        Assert.Equal("[]", message["allowed_mentions"]!["parse"]!.ToJsonString());
    }
}
