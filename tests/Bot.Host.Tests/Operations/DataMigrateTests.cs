using Bot.Host.Cli;
using Bot.Host.Tests.Support;
using Bot.Testing;

namespace Bot.Host.Tests.Operations;

/// <summary><c>bot data migrate --to postgres</c>, and a bot that then runs on what it copied.</summary>
public sealed class DataMigrateTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-migrate-");

    public void Dispose()
    {
        try
        {
            _data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [PostgresFact]
    public async Task Migrate_RefusedWhileABotRuns_ThenCopiesIdempotently_AndTheBotGoesOnFromPostgres()
    {
        using var database = TestPostgres.CreateDatabase();
        var postgres = new Dictionary<string, string> { ["Storage__ConnectionString"] = database.ConnectionString };
        var input = new ScriptedInput();
        var output = new WatchedOutput();
        var chat = BotCli.RunAsync(["chat", "--data-dir", _data.FullName, "Knowledge:Embeddings=false", "Quiz:AnswerWindow=00:01:00"],
            new CliContext(input, output, new StringWriter(), Interactive: false));
        input.Type("@alice /quiz start 2");
        await output.WaitForAsync("Quiz · question 1 of 2");

        var refused = await BotProcess.RunAsync("", postgres, "data", "migrate", "--to", "postgres", "--data-dir", _data.FullName);
        input.End();
        await chat;
        var first = await BotProcess.RunAsync("", postgres, "data", "migrate", "--to", "postgres", "--data-dir", _data.FullName);
        var second = await BotProcess.RunAsync("", postgres, "data", "migrate", "--to", "postgres", "--data-dir", _data.FullName);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_data.FullName, "instance"));
        var (code, after, error) = await BotProcess.RunAsync("/about\n", new Dictionary<string, string>(postgres)
        {
            ["Storage__Provider"] = "postgres",
            ["Storage__InstanceId"] = "bot-2",
        }, "chat", "--data-dir", elsewhere.FullName);

        Assert.Equal(1, refused.Code);
        Assert.Contains("stop that bot first", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, first.Code);
        Assert.Contains("quiz_rounds: 1 documents, 1 added", first.Output, StringComparison.Ordinal);
        Assert.Contains("quiz_rounds: 1 documents, 0 added", second.Output, StringComparison.Ordinal);
        Assert.Contains("copied 0 of", second.Output, StringComparison.Ordinal);
        Assert.Equal(0, code);
        // The round stored by the LiteDB bot goes on in a bot on PostgreSQL, with another data directory.
        Assert.Contains("Resuming the quiz round after a restart", after, StringComparison.Ordinal);
        Assert.Contains("postgres 1", after, StringComparison.Ordinal);
        Assert.Contains("this instance is `bot-2`", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Migrate_WithoutAConnectionString_SaysWhatToSet()
    {
        var (code, _, error) = await BotProcess.RunAsync("", null, "data", "migrate", "--to", "postgres", "--data-dir", _data.FullName);

        Assert.Equal(1, code);
        Assert.Contains("set Storage__ConnectionString", error, StringComparison.Ordinal);
    }
}
