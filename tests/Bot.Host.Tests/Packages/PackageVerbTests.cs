using System.Text.Json;
using Bot.Host.Tests.Support;
using Bot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Packages;

/// <summary>The package commands and verbs through the real host, on the fixture repositories read as file:// URLs.</summary>
public sealed class PackageVerbTests : IDisposable
{
    private readonly BotRun _bot = new();

    public void Dispose() => _bot.Dispose();

    private string Config() => ConfigFor(_bot);

    private static string ConfigFor(BotRun bot)
    {
        var repos = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Bot.Packages.Tests", "Fixtures", "repos"));
        return bot.WriteFile("fixture-repos.json", $$"""
            { "Packages": { "Only": "alma9-fixture,rocky9-fixture", "Repos": {
              "alma9-fixture": { "Distro": "alma9", "Name": "BaseOS", "BaseUrl": "{{new Uri(repos + "/alma9/").AbsoluteUri}}" },
              "rocky9-fixture": { "Distro": "rocky9", "Name": "BaseOS", "BaseUrl": "{{new Uri(repos + "/rocky9/").AbsoluteUri}}" } } } }
            """);
    }

    [Fact]
    public async Task RepoSync_ThenChatCommands_AnswerFromTheIndex()
    {
        var config = Config();
        var (code, sync, _) = await _bot.RunAsync("", null, "repo", "sync", "--config", config);
        Assert.Equal(0, code);
        Assert.Matches(@"alma9-fixture: 4 files, 0\.0 MB, 3 packages, \d+\.\d s\nrocky9-fixture: 3 files", sync.ReplaceLineEndings("\n"));

        var (_, output, _) = await _bot.ChatAsync("/compare demo alma9 rocky9\n/provides libdemo.so.3\n/advisory CVE-2024-1111 rocky9\n/pkg demo alma8\n/about\n", null, "--config", config);

        Assert.Contains("rocky9 is newer by rpm's rules.", output, StringComparison.Ordinal);
        Assert.Contains("Only in alma9: `libdemo.so.3(DEMO_3.1)(64bit)`", output, StringComparison.Ordinal);
        Assert.Contains("- alma9 `demo-libs-3.0.7-27.el9.alma.1` (x86_64, alma9-fixture)", output, StringComparison.Ordinal);
        Assert.Contains("- RLSA-2024:2002 (rocky9, security, Important, 2024-03-05): `demo-3.0.7-27.el9_4`", output, StringComparison.Ordinal);
        Assert.Contains("! `distro` takes one of alma9, rocky9; `alma8` is not one. Did you mean `alma9`?", output, StringComparison.Ordinal);
        Assert.Contains("`rocky9-fixture`: 3 packages, 0 min old", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepoSync_OfOneRepository_WhileAnotherIsCached_ExitsZero_WithTheStartUpSyncOn()
    {
        // The defaults: a start-up sync would run for the stale, never-synced repository beside the verb's own.
        using var bot = new BotRun { SyncOnStart = true };
        var config = ConfigFor(bot);

        var (first, _, firstError) = await bot.RunAsync("", null, "repo", "sync", "--repo", "alma9-fixture", "--config", config);
        var (second, output, secondError) = await bot.RunAsync("", null, "repo", "sync", "--repo", "rocky9-fixture", "--config", config);

        Assert.Equal((0, ""), (first, firstError));
        Assert.Equal((0, ""), (second, secondError));
        Assert.StartsWith("rocky9-fixture: 3 files", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_EndOfInputWhileTheFirstSyncRuns_CancelsItAndExitsZero()
    {
        // A mirror that never answers: the sync that the first /pkg starts is still running when the input ends.
        var mirror = LoopbackServer.Create();
        mirror.MapGet("/{**path}", async (HttpContext http) => await Task.Delay(Timeout.Infinite, http.RequestAborted));
        await mirror.StartAsync();
        try
        {
            var config = _bot.WriteFile("slow-mirror.json", $$"""
                { "Packages": { "Only": "alma9-slow", "Repos": { "alma9-slow": { "Distro": "alma9", "Name": "BaseOS", "BaseUrl": "{{mirror.BaseUrl()}}" } } } }
                """);

            var (code, output, error) = await _bot.ChatAsync("/pkg openssl\n", null, "--config", config);

            Assert.Contains("The package index is being built", output, StringComparison.Ordinal);
            Assert.Equal((0, ""), (code, error));
        }
        finally
        {
            await mirror.StopAndDisposeAsync();
        }
    }

    [Fact]
    public async Task RepoSync_Sigterm_StopsTheDownloadAndSaysSo()
    {
        // A mirror that never answers: the real process is waiting on it when the signal comes.
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mirror = LoopbackServer.Create();
        mirror.MapGet("/{**path}", async (HttpContext http) =>
        {
            asked.TrySetResult();
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        });
        await mirror.StartAsync();
        try
        {
            var config = _bot.WriteFile("slow-mirror.json", $$"""
                { "Packages": { "Only": "alma9-slow", "Repos": { "alma9-slow": { "Distro": "alma9", "Name": "BaseOS", "BaseUrl": "{{mirror.BaseUrl()}}" } } } }
                """);
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "bot.dll"), "repo", "sync", "--config", config, "--data-dir", _bot.DataDirectory.FullName })
            {
                start.ArgumentList.Add(arg);
            }

            using var bot = System.Diagnostics.Process.Start(start)!;
            var error = bot.StandardError.ReadToEndAsync();
            await asked.Task.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal(0, Signals.Kill(bot.Id, Signals.Sigterm));
            await bot.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

            Assert.Equal(1, bot.ExitCode);
            Assert.Contains("bot: stopped before the command had finished (cancelled)", await error, StringComparison.Ordinal);
        }
        finally
        {
            await mirror.StopAndDisposeAsync();
        }
    }

    [Fact]
    public async Task PkgVerbs_Json_HaveTheDocumentedShapes()
    {
        var config = Config();
        await _bot.RunAsync("", null, "repo", "sync", "--config", config);

        var (_, info, _) = await _bot.RunAsync("", null, "pkg", "info", "demo", "--distro", "alma9", "--json", "--config", config);
        var (_, compare, _) = await _bot.RunAsync("", null, "pkg", "compare", "demo", "--from", "alma9", "--to", "rocky9", "--json", "--config", config);
        var (_, advisory, _) = await _bot.RunAsync("", null, "pkg", "advisory", "ALSA-2024:1001", "--json", "--config", config);
        var (_, provides, _) = await _bot.RunAsync("", null, "pkg", "provides", "/usr/bin/tool", "--json", "--config", config);

        using var i = JsonDocument.Parse(info);
        Assert.Equal(["repo", "distro", "name", "epoch", "version", "release", "arch", "summary", "module"], i.RootElement[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("demo:3.0", i.RootElement[0].GetProperty("module").GetString());
        using var c = JsonDocument.Parse(compare);
        Assert.Equal("to", c.RootElement.GetProperty("newer").GetString());
        Assert.Equal("alma9", c.RootElement.GetProperty("from").GetProperty("distro").GetString());
        Assert.Equal(2, c.RootElement.GetProperty("sonamesOnlyInTo").GetArrayLength());
        using var a = JsonDocument.Parse(advisory);
        Assert.Equal("CVE-2024-1111", a.RootElement[0].GetProperty("cves")[0].GetString());
        Assert.Equal("27.el9.alma.1", a.RootElement[0].GetProperty("packages")[0].GetProperty("release").GetString());
        using var p = JsonDocument.Parse(provides);
        Assert.Equal(2, p.RootElement.GetArrayLength());
        Assert.False(p.RootElement[0].TryGetProperty("summary", out _));
    }

    [Theory]
    [InlineData("pkg", "info", "demo")]
    [InlineData("repo", "sync")]
    public async Task PackageVerbs_BuildOnlyTheCoreAndThePackagesModule(params string[] verb)
    {
        var registered = new List<Type>();

        var (code, _, error) = await _bot.RunAsync("", s => registered.AddRange(s.Select(d => d.ServiceType)), [.. verb, "--config", Config()]);

        Assert.True(code is 0 or 1, error);
        Assert.Contains(typeof(Bot.Packages.IPackageTool), registered);
        // No embedding model, no scheduler, no chat platform or endpoint for a lookup or a sync.
        Assert.DoesNotContain(typeof(Bot.Knowledge.IKnowledgeAsker), registered);
        Assert.DoesNotContain(typeof(Quartz.ISchedulerFactory), registered);
        Assert.DoesNotContain(typeof(Bot.Core.Chat.IChatPlatform), registered);
    }

    [Fact]
    public async Task PkgJson_FromTheCache_OpensNoDatabase()
    {
        var config = Config();
        await _bot.RunAsync("", null, "repo", "sync", "--config", config);

        var (code, output, error) = await _bot.RunAsync(
            "", s => s.AddSingleton<LiteDB.ILiteDatabase>(_ => throw new InvalidOperationException("the store was opened")),
            "pkg", "provides", "/usr/bin/tool", "--json", "--config", config);

        Assert.Equal((0, ""), (code, error));
        Assert.Contains("\"name\":\"tool\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pkg_WhileAnotherBotHoldsTheDataDirectory_SaysSo()
    {
        var config = Config();
        await _bot.RunAsync("", null, "repo", "sync", "--config", config);
        using var running = new Bot.Core.Storage.StoreLock();
        running.Acquire(_bot.DataDirectory.FullName);

        var (code, _, error) = await _bot.RunAsync("", null, "pkg", "info", "demo", "--json", "--config", config);

        Assert.Equal(1, code);
        Assert.Contains("is another bot using this data directory?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepoSync_DamagedStore_SaysSoWithTheRestoreCommand()
    {
        await File.WriteAllBytesAsync(Path.Combine(_bot.DataDirectory.FullName, "bot.db"), [.. Enumerable.Range(0, 16384).Select(i => (byte)(i * 7))]);

        var (code, _, error) = await _bot.RunAsync("", null, "repo", "sync", "--config", Config());

        Assert.Equal(1, code);
        Assert.Contains("is damaged", error, StringComparison.Ordinal);
        Assert.Contains("bot data restore FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pkg_NoIndexYet_SaysToSync()
    {
        var (code, _, error) = await _bot.RunAsync("", null, "pkg", "info", "demo", "--config", Config());

        Assert.Equal(1, code);
        Assert.Equal("bot: there is no package index yet; run `bot repo sync` first", error.Trim());
    }

    [Fact]
    public async Task RpmVercmp_ArgumentsOrLinesFromStandardInput()
    {
        static async Task<string> Run(string input, params string[] args)
        {
            var output = new StringWriter();
            await Bot.Host.Cli.BotCli.RunAsync(args, new Bot.Host.Cli.CliContext(new StringReader(input), output, new StringWriter(), Interactive: false));
            return output.ToString().Trim().ReplaceLineEndings("\n");
        }

        Assert.Equal("-1", await Run("", "rpm", "vercmp", "2.0~rc1-1.el9", "2.0-1.el9"));
        Assert.Equal("1\n1\n0", await Run("1.2.3-4.el9_2.alma.1\t1.2.3-4.el9_2\n1:1.0\t2.0\n1.0\t1.0\n", "rpm", "vercmp"));
    }
}
