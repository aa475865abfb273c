using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Cli;

public sealed class ConfigTests : IDisposable
{
    private readonly BotRun _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Run_ConfigFileNotJson_ExitsTwoNamingFileAndLine()
    {
        var path = _bot.WriteFile("broken.json", "{\n  \"Chat\": {\n    \"MaxInputLength\": ,\n  }\n}\n");

        var (code, output, error) = await _bot.RunAsync("", null, "run", "--config", path);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith($"bot: {path}:3: not valid JSON", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_PostgresStore_RedactsTheConnectionString_AndNeedsOne()
    {
        var (code, output, _) = await _bot.RunAsync("", null, "config", "check", "Storage:Provider=postgres", "Storage:ConnectionString=Host=db;Username=bot;Password=pg-secret-913");
        var (missingCode, _, missing) = await _bot.RunAsync("", null, "config", "check", "Storage:Provider=postgres");
        var (wrongCode, _, wrong) = await _bot.RunAsync("", null, "config", "check", "Storage:Provider=mysql");

        Assert.Equal(0, code);
        Assert.Contains("Storage:ConnectionString = *** (set)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-secret-913", output, StringComparison.Ordinal);
        Assert.Equal(2, missingCode);
        Assert.Contains("set Storage__ConnectionString", missing, StringComparison.Ordinal);
        Assert.Equal(2, wrongCode);
        Assert.Contains("Storage:Provider is 'mysql'", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidValue_ExitsTwoNamingTheKey()
    {
        var path = _bot.WriteFile("bad.json", """{ "Chat": { "MaxInputLength": 5 } }""");

        var (code, _, error) = await _bot.RunAsync("", null, "run", "--config", path);

        Assert.Equal(2, code);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Equal("bot: invalid configuration: Chat:MaxInputLength: The field MaxInputLength must be between 100 and 100000. (got '5')", line);
    }

    [Fact]
    public async Task Run_ValueOfWrongType_ExitsTwoNamingTheKey()
    {
        var path = _bot.WriteFile("bad.json", """{ "Chat": { "MaxInputLength": "lots" } }""");

        var (code, _, error) = await _bot.RunAsync("", null, "run", "--config", path);

        Assert.Equal(2, code);
        Assert.Equal("bot: invalid configuration: Chat:MaxInputLength: the value cannot be read as Int32", error.Trim());
    }

    [Fact]
    public async Task Run_MisspelledKey_ExitsTwoNamingIt()
    {
        var path = _bot.WriteFile("typo.json", """{ "Chat": { "MaxInputLenght": 500 } }""");

        var (code, _, error) = await _bot.RunAsync("", null, "run", "--config", path);

        Assert.Equal(2, code);
        Assert.StartsWith("bot: invalid configuration: Chat:MaxInputLenght: is not a setting", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingConfigFile_ExitsTwo()
    {
        var (code, _, error) = await _bot.RunAsync("", null, "run", "--config", "/nonexistent/x.json");

        Assert.Equal(2, code);
        Assert.Equal("bot: config file /nonexistent/x.json does not exist", error.Trim());
    }

    [Fact]
    public async Task Run_StrayArgument_ExitsTwo()
    {
        var (code, _, error) = await _bot.RunAsync("", null, "run", "bogus");

        Assert.Equal(2, code);
        Assert.Contains("unknown argument 'bogus'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoPlatformConfigured_SaysSoAndServesTheConsole()
    {
        var (code, output, error) = await _bot.RunAsync("/about\n", null, "run");

        Assert.Equal(0, code);
        Assert.Contains("no chat platform is configured", error, StringComparison.Ordinal);
        Assert.StartsWith("About this bot", output, StringComparison.Ordinal);
    }
}
