using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Commands;

/// <summary>Chat:RateLimit in the console chat: @name speakers are people in a chat; the operator is not limited.</summary>
public sealed class RateLimitChatTests : IDisposable
{
    private readonly BotRun _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task ASpeakerPastTheLimit_IsToldOnce_ThenGetsSilence_WhileTheOperatorGoesOn()
    {
        var input = string.Concat(Enumerable.Repeat("@bob /about\n", 6)) + "/about\n/about\n/about\n/about\n";

        var (code, output, _) = await _bot.ChatAsync(input, null, "Chat:RateLimit:Commands=4", "Chat:RateLimit:ModelCommands=2");

        Assert.Equal(0, code);
        Assert.Equal(1, Count(output, "You're going a bit fast for me"));
        Assert.Equal(0, Count(output, "Still too fast"));
        Assert.Equal(8, Count(output, "Uptime"));
    }

    private static int Count(string text, string what) =>
        (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
