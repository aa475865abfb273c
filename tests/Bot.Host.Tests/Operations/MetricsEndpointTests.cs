using Bot.Host.Cli;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Operations;

/// <summary>
/// The bot's meter is process-wide (one bot per process in production), while the tests run many
/// bots in one process: counts are exact only when no other test's bot runs meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetricsCollection
{
    public const string Name = "Process-wide metrics";
}

[Collection(ProcessMetricsCollection.Name)]
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-metrics-");

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

    [Fact]
    public async Task Endpoints_HealthReadinessAndMetrics_AnswerOverHttp()
    {
        var port = Ports.Free();
        var input = new ScriptedInput();
        var output = new WatchedOutput();
        var run = BotCli.RunAsync(["chat", "--data-dir", _data.FullName, "Knowledge:Embeddings=false", $"Http:Urls=http://127.0.0.1:{port}"],
            new CliContext(input, output, new StringWriter(), Interactive: false));
        input.Type("/help");
        input.Type("/nonsense");
        input.Type("/quiz start questions:zero");
        await output.WaitForAsync("`questions` takes a whole number");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var health = await http.GetStringAsync("/healthz");
        using var ready = await http.GetAsync("/readyz");
        var readyBody = await ready.Content.ReadAsStringAsync();
        var metrics = await http.GetStringAsync("/metrics");
        input.End();
        await run;

        Assert.Equal("ok\n", health);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"ready\":true", readyBody, StringComparison.Ordinal);
        Assert.Contains("\"store\":{\"ready\":true", readyBody, StringComparison.Ordinal);
        Assert.Matches("bot_commands_total\\{[^}]*command=\"help\",outcome=\"ok\"\\} 1", metrics);
        Assert.Contains("bot_command_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Matches("bot_commands_total\\{[^}]*command=\"unknown\",outcome=\"unknown\"\\} 1", metrics);
        Assert.Matches("bot_commands_total\\{[^}]*command=\"quiz start\",outcome=\"problem\"\\} 1", metrics);
    }
}
