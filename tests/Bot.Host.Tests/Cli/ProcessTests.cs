using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Cli;

/// <summary>The real executable in a child process: pipes, exit codes, environment and the data directory across runs.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-proc-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task PipedChat_PrintsThreeRepliesAndExitsZero()
    {
        var (code, output, _) = await BotProcess.RunAsync("/help\n/nonsense\n/about\n", null, "chat", "--data-dir", _data.FullName);

        Assert.Equal(0, code);
        Assert.StartsWith("Commands\n", output, StringComparison.Ordinal);
        var unknown = output.IndexOf("\n\n! I don't know `/nonsense`. Try /help\n\n", StringComparison.Ordinal);
        var about = output.IndexOf("\n\nAbout this bot\n", StringComparison.Ordinal);
        Assert.True(unknown > 0 && about > unknown, output);
    }

    [Fact]
    public async Task Store_WrittenByOneProcess_IsReadByTheNext()
    {
        var environment = new Dictionary<string, string> { ["BOT_DATA_DIR"] = _data.FullName };

        await BotProcess.RunAsync("", environment, "chat");
        var (_, output, _) = await BotProcess.RunAsync("/about\n", environment, "chat");

        Assert.Contains("started 2 times", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_data.FullName, "bot.db")));
    }

    [Fact]
    public async Task EnvironmentVariable_OverridesTheDefaults()
    {
        var environment = new Dictionary<string, string> { ["Chat__MaxInputLength"] = "100" };

        var (_, output, _) = await BotProcess.RunAsync("/help " + new string('x', 150) + "\n", environment, "chat", "--data-dir", _data.FullName);

        Assert.Contains("I take at most 100", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenConfig_ExitsTwoWithOneLine()
    {
        var path = Path.Combine(_data.FullName, "broken.json");
        await File.WriteAllTextAsync(path, "{ \"Chat\": ");

        var (code, _, error) = await BotProcess.RunAsync("", null, "run", "--config", path, "--data-dir", _data.FullName);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var (code, output, _) = await BotProcess.RunAsync("", null, "--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }
}
