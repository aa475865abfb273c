using Bot.Core.Commands;
using Bot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Host.Tests.Cli;

public sealed class ChatVerbTests : IDisposable
{
    private readonly BotRun _bot = new();

    public void Dispose() => _bot.Dispose();

    private static string[] Replies(string output) =>
        output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Chat_HelpNonsenseAbout_PrintsThreeRepliesAndExitsZero()
    {
        var (code, output, _) = await _bot.ChatAsync("/help\n/nonsense\n/about\n");

        Assert.Equal(0, code);
        Assert.StartsWith("Commands\n", output, StringComparison.Ordinal);
        var unknown = output.IndexOf("\n\n! I don't know `/nonsense`. Try /help\n\n", StringComparison.Ordinal);
        var about = output.IndexOf("\n\nAbout this bot\n", StringComparison.Ordinal);
        Assert.True(unknown > 0 && about > unknown, output);
    }

    [Fact]
    public async Task Chat_EmptyLinesAndPlainText_AreIgnoredOrHinted()
    {
        var (code, output, _) = await _bot.ChatAsync("\n\n   \nhello\n");

        Assert.Equal(0, code);
        Assert.Equal("! Commands start with / (for example /help).", Assert.Single(Replies(output)));
    }

    [Fact]
    public async Task Chat_HandlerThrows_ApologyWithIdAndNoStackTraceOrSecret()
    {
        var logs = new CapturedLogs();
        var (code, output, _) = await _bot.ChatAsync("/boom\n/about\n", s =>
        {
            s.AddSingleton<ICommandHandler, ThrowingCommand>();
            s.AddSingleton<ILoggerProvider>(logs);
        });

        Assert.Equal(0, code);
        var replies = Replies(output);
        Assert.Equal(2, replies.Length);
        Assert.StartsWith("! Sorry, something went wrong on my side while handling `/boom`.", replies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", replies[0], StringComparison.Ordinal);
        var id = replies[0].Split('`')[3];
        Assert.Single(logs.Lines, l => l.StartsWith("Error: ", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chat_PressANumberedButton_RoutesTheClick()
    {
        var (_, output, _) = await _bot.ChatAsync("/pick\n/press 2\n/press 9\n", s => s.AddSingleton<ICommandHandler, ButtonCommand>());

        var replies = Replies(output);
        Assert.Contains("[2] Beta", replies[0], StringComparison.Ordinal);
        Assert.EndsWith("picked pick:b", replies[1], StringComparison.Ordinal);
        Assert.Equal("! There is no button 9 on the last message.", replies[2]);
    }

    [Fact]
    public async Task Chat_LongLine_IsRefusedAndTheChatGoesOn()
    {
        var (code, output, _) = await _bot.ChatAsync("/help " + new string('x', 5000) + "\n/about\n");

        Assert.Equal(0, code);
        var replies = Replies(output);
        Assert.Equal("! That message is 5,006 characters long; I take at most 4,000. Please shorten it.", replies[0]);
        Assert.StartsWith("About this bot", replies[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_CommandLineOverride_ChangesAConfiguredLimit()
    {
        var (_, output, _) = await _bot.ChatAsync("/help " + new string('x', 300) + "\n", null, "Chat:MaxInputLength=200");

        Assert.Contains("I take at most 200", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_Garbage_NeverCrashes()
    {
        var random = new Random(42);
        var lines = Enumerable.Range(0, 300).Select(_ =>
            new string([.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => (char)random.Next(0, 0x3000))]));

        var (code, _, error) = await _bot.ChatAsync(string.Join('\n', lines) + "\n/about\n");

        Assert.Equal(0, code);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }
}
