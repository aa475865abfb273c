using System.Diagnostics;
using Bot.Host.Cli;
using Bot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Host.Tests.Operations;

/// <summary>What the people who run the bot rely on: endpoints, logs without secrets, config check, backups, one bot per data directory.</summary>
public sealed class OperationsTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-ops-");

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

    /// <summary>Runs <c>bot chat</c> in-process until <see cref="ScriptedInput.End"/>.</summary>
    private (Task<int> Run, ScriptedInput Input, WatchedOutput Output) Chat(Action<IServiceCollection>? overrides, params string[] extra)
    {
        var input = new ScriptedInput();
        var output = new WatchedOutput();
        var run = BotCli.RunAsync(["chat", "--data-dir", _data.FullName, "Knowledge:Embeddings=false", .. extra],
            new CliContext(input, output, new StringWriter(), Interactive: false), overrides);
        return (run, input, output);
    }

    [Fact]
    public async Task Readiness_ReportsADiskWithTooLittleFreeSpace()
    {
        var port = Ports.Free();
        // More free space than any test machine has: the check must say not ready, and why.
        var (run, input, output) = Chat(null, $"Http:Urls=http://127.0.0.1:{port}", "Host:MinFreeDiskMegabytes=1000000");
        input.Type("/help");
        await output.WaitForAsync("/about");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var ready = await http.GetAsync("/readyz");
        var body = await ready.Content.ReadAsStringAsync();
        input.End();
        await run;

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Matches("\"disk\":\\{\"ready\":false,\"detail\":\"[0-9]+ MB free for [^\"]+, below Host:MinFreeDiskMegabytes \\(1000000\\)\"", body);
    }

    [Fact]
    public async Task Secrets_NeverReachALogLineOrTheConfigReport()
    {
        const string token = "matrix-token-7f3a9c", password = "hunter2-pw-55", apiKey = "sk-live-key-8812", discordToken = "discord-bot-token-4242";
        var logs = new CapturedLogs();
        var (run, input, output) = Chat(
            s => s.AddSingleton<ILoggerProvider>(logs),
            "Matrix:HomeserverUrl=http://127.0.0.1:1/", $"Matrix:AccessToken={token}", "Matrix:RetryDelay=00:00:00.100",
            "Knowledge:Llm:Endpoint=http://127.0.0.1:1/v1", "Knowledge:Llm:Model=m", $"Knowledge:Llm:ApiKey={apiKey}", "Knowledge:Llm:Timeout=00:00:02",
            $"Discord:Token={discordToken}", "Discord:ApplicationId=1", "Discord:ApiBaseUrl=http://127.0.0.1:1/api/v10",
            "Logging:LogLevel:Default=Trace");
        input.Type("/ask what does ABI compatible mean?");
        await output.WaitForAsync("What \"ABI compatible with RHEL\" means");
        await Task.Delay(500);
        input.End();
        await run;
        var check = new StringWriter();
        await BotCli.RunAsync(["config", "check", $"Matrix:Password={password}", $"Matrix:AccessToken={token}", "Matrix:HomeserverUrl=https://m.example.org", $"Discord:Token={discordToken}", "Discord:ApplicationId=1"],
            new CliContext(new StringReader(""), check, new StringWriter(), Interactive: false));

        var everything = string.Join('\n', logs.Lines) + output.Text + check;
        Assert.Contains(logs.Lines, l => l.Contains("Matrix sync failed", StringComparison.Ordinal) || l.Contains("language model was not used", StringComparison.Ordinal));
        Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(discordToken, everything, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Contains("Discord", StringComparison.Ordinal) && l.Contains("retry", StringComparison.Ordinal));
        Assert.Contains("Discord:Token = *** (set)", check.ToString(), StringComparison.Ordinal);
        Assert.Contains("Matrix:Password = *** (set)", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_ValidPrintsEffectiveValues_InvalidExitsTwoNamingTheKey()
    {
        var ok = new StringWriter();
        var bad = new StringWriter();

        var okCode = await BotCli.RunAsync(["config", "check", "Quiz:AnswerWindow=00:00:30"], new CliContext(new StringReader(""), ok, new StringWriter(), false));
        var badCode = await BotCli.RunAsync(["config", "check", "Quiz:AnswerWindow=00:00:01", "News:PollInterval=00:00:01"], new CliContext(new StringReader(""), new StringWriter(), bad, false));

        Assert.Equal(0, okCode);
        Assert.Contains("Quiz:AnswerWindow = 00:00:30", ok.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("configuration is valid", ok.ToString().Trim(), StringComparison.Ordinal);
        Assert.Equal(2, badCode);
        Assert.Contains("bot: invalid configuration: Quiz:AnswerWindow: must be between 00:00:05 and 00:02:00", bad.ToString(), StringComparison.Ordinal);
        Assert.Contains("bot: invalid configuration: News:PollInterval: must be at least 00:00:05", bad.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_WhileTheBotRuns_IsWrittenByTheBot_CliBackupAndRestoreRefusedUntilItStops()
    {
        var backups = Path.Combine(_data.FullName, "backups");
        var outside = Path.Combine(_data.FullName, "outside.db");
        var (run, input, output) = Chat(null, $"Host:BackupDirectory={backups}", "Host:BackupInterval=00:00:01");
        input.Type("@alice /quiz start 1");
        await output.WaitForAsync("Quiz · question 1 of 1");
        string[] Written() => Directory.Exists(backups) ? Directory.GetFiles(backups, "bot-*.db") : [];
        var before = Written();
        var backupErr = new StringWriter();
        var restoreErr = new StringWriter();

        var backupCode = await BotCli.RunAsync(["data", "backup", outside, "--data-dir", _data.FullName], new CliContext(new StringReader(""), new StringWriter(), backupErr, false));
        // The second backup begun after the round was stored surely holds it.
        await Bot.Testing.Eventually.UntilAsync(() => Written().Except(before).Count() >= 2, seconds: 60);
        var backup = Written().Order(StringComparer.Ordinal).Last();
        var refused = await BotCli.RunAsync(["data", "restore", backup, "--data-dir", _data.FullName], new CliContext(new StringReader(""), new StringWriter(), restoreErr, false));
        input.End();
        await run;
        var restored = await BotCli.RunAsync(["data", "restore", backup, "--data-dir", _data.FullName], new CliContext(new StringReader(""), new StringWriter(), new StringWriter(), false));
        var (_, after, _) = await BotProcess.RunAsync("/about\n", null, "chat", "--data-dir", _data.FullName);

        Assert.Equal(1, backupCode);
        Assert.Contains("Host:BackupDirectory", backupErr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(outside));
        Assert.Equal(1, refused);
        Assert.Contains("a running bot holds", restoreErr.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, restored);
        Assert.True(File.Exists(Path.Combine(_data.FullName, "bot.db.before-restore")));
        Assert.Contains("Resuming the quiz round after a restart", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondBot_OnTheSameDataDirectory_IsRefusedClearly()
    {
        var (run, input, output) = Chat(null);
        input.Type("/about");
        await output.WaitForAsync("About this bot");

        var (code, _, error) = await BotProcess.RunAsync("/about\n", null, "chat", "--data-dir", _data.FullName);
        input.End();
        await run;

        Assert.Equal(1, code);
        Assert.Contains("cannot open the store in", error, StringComparison.Ordinal);
        Assert.Contains("is another bot using this data directory?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptStore_StopsWithTheFileAndTheRestoreCommand()
    {
        await File.WriteAllBytesAsync(Path.Combine(_data.FullName, "bot.db"), [.. Enumerable.Range(0, 16384).Select(i => (byte)(i * 7))]);

        var (code, _, error) = await BotProcess.RunAsync("/about\n", null, "chat", "--data-dir", _data.FullName);

        Assert.Equal(1, code);
        Assert.Contains($"the store {Path.Combine(_data.FullName, "bot.db")} is damaged", error, StringComparison.Ordinal);
        Assert.Contains("bot data restore FILE", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_InTheMiddleOfARound_LosesNoPointsAndTheRoundResumes()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "bot.dll"), "chat", "--data-dir", _data.FullName, "Quiz:AnswerWindow=00:00:30" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Knowledge__Embeddings"] = "false";
        using var bot = Process.Start(start)!;
        var output = new WatchedOutput();
        _ = Task.Run(async () =>
        {
            while (await bot.StandardOutput.ReadLineAsync() is { } line)
            {
                output.Write(line + "\n");
            }
        });
        await bot.StandardInput.WriteLineAsync("@bob /quiz start 2");
        await bot.StandardInput.FlushAsync();
        await output.WaitForAsync("Quiz · question 1 of 2");
        await bot.StandardInput.WriteLineAsync("@bob /answer A");
        await bot.StandardInput.FlushAsync();
        await output.WaitForAsync("Got it, bob: A for question 1.");

        Assert.Equal(0, Signals.Kill(bot.Id, Signals.Sigterm));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bot.WaitForExitAsync(timeout.Token);
        var (_, after, _) = await BotProcess.RunAsync("@bob /answer B\n", null, "chat", "--data-dir", _data.FullName, "Quiz:AnswerWindow=00:00:30");

        Assert.Equal(0, bot.ExitCode);
        Assert.Contains("Resuming the quiz round after a restart: question 1 of 2.", after, StringComparison.Ordinal);
        Assert.Contains("You already answered question 1; your first answer counts.", after, StringComparison.Ordinal);
    }
}
