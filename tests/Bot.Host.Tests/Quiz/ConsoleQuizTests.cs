using Bot.Host.Cli;
using Bot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using YamlDotNet.RepresentationModel;

namespace Bot.Host.Tests.Quiz;

/// <summary>Whole quiz rounds through the console adapter, several people typing with @name, on a fake clock.</summary>
public sealed class ConsoleQuizTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-quiz-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));

    public void Dispose() => _data.Delete(recursive: true);

    /// <summary>The right and a wrong letter for a question shown in the output, from the shipped banks.</summary>
    private static (string Right, string Wrong) Letters(string output, int after)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "knowledge", "quiz"), "*.yaml"))
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(file)));
            foreach (YamlMappingNode question in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children)
            {
                var text = ((YamlScalarNode)question["question"]).Value!;
                if (output.IndexOf("\n" + text + "\n", after, StringComparison.Ordinal) >= 0)
                {
                    var right = ((YamlScalarNode)question["answer"]).Value!;
                    return (right, right == "A" ? "B" : "A");
                }
            }
        }

        throw new InvalidOperationException("question not found in the banks");
    }

    private Task<int> Chat(ScriptedInput input, WatchedOutput output) =>
        BotCli.RunAsync(
            ["chat", "--data-dir", _data.FullName, "Knowledge:Embeddings=false"],
            new CliContext(input, output, new StringWriter(), Interactive: false),
            s => s.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task Round_ThroughTheConsole_ScoresLateAndDoubleAnswersRightAndTheLeaderboardSurvivesARestart()
    {
        var input = new ScriptedInput();
        var output = new WatchedOutput();
        var chat = Chat(input, output);

        input.Type("/quiz start 2");
        var at = await output.WaitForAsync("Quiz · question 1 of 2");
        var (right, wrong) = Letters(output.Text, Math.Max(0, at - 30));
        input.Type($"@bob /answer {right}");
        input.Type($"@alice /answer {right}");
        input.Type($"@carol /answer {wrong}");
        input.Type($"@bob /answer {wrong}");
        at = await output.WaitForAsync("! You already answered question 1; your first answer counts.", at);

        _clock.Advance(TimeSpan.FromSeconds(21));
        at = await output.WaitForAsync("Right: bob (first, +2), alice (+1)", at);
        at = await output.WaitForAsync("Quiz · question 2 of 2", at);
        var second = Letters(output.Text, Math.Max(0, at - 30));
        input.Type($"@carol /press {second.Right[0] - 'A' + 1}");
        at = await output.WaitForAsync($"Got it, carol: {second.Right} for question 2.", at);

        _clock.Advance(TimeSpan.FromSeconds(21));
        at = await output.WaitForAsync("Quiz round over", at);
        input.Type("@alice /answer A");
        at = await output.WaitForAsync("! No quiz question is open in this channel.", at);
        input.Type("/quiz leaderboard all");
        await output.WaitForAsync("1. bob: 2 points (1/1 right)\n2. carol: 2 points (1/2 right)\n3. alice: 1 point (1/1 right)", at);
        input.End();
        Assert.Equal(0, await chat);

        var (code, after, _) = await BotProcess.RunAsync("/quiz leaderboard all\n", null, "chat", "--data-dir", _data.FullName);
        Assert.Equal(0, code);
        Assert.Contains("1. bob: 2 points (1/1 right)\n2. carol: 2 points (1/2 right)\n3. alice: 1 point (1/1 right)", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ShippedBanks_PassWithExitZero()
    {
        var output = new StringWriter();
        var code = await BotCli.RunAsync(["quiz", "validate"], new CliContext(new StringReader(""), output, new StringWriter(), Interactive: false));

        Assert.Equal(0, code);
        Assert.Matches(@": ([6-9]\d|\d{3}) valid questions, 0 problems", output.ToString());
    }
}
