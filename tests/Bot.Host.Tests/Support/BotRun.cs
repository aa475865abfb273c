using Bot.Host.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Support;

/// <summary>Runs the bot's command line in-process with its own streams and a fresh data directory.</summary>
internal sealed class BotRun : IDisposable
{
    public DirectoryInfo DataDirectory { get; } = Directory.CreateTempSubdirectory("bot-test-");

    /// <summary>Whether the start-up sync runs, as it does by default; off unless a test is about it.</summary>
    public bool SyncOnStart { get; init; }

    public async Task<(int Code, string Output, string Error)> RunAsync(string input, Action<IServiceCollection>? overrides, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // The embedding model is the Knowledge tests' business; here lexical retrieval keeps hosts fast.
        var all = args.Concat(["--data-dir", DataDirectory.FullName, "Knowledge:Embeddings=false", $"Packages:SyncOnStart={SyncOnStart}"]).ToArray();
        var code = await BotCli.RunAsync(all, new CliContext(new StringReader(input), output, error, Interactive: false), overrides);
        return (code, output.ToString(), error.ToString());
    }

    public Task<(int Code, string Output, string Error)> ChatAsync(string input, Action<IServiceCollection>? overrides = null, params string[] extra) =>
        RunAsync(input, overrides, ["chat", .. extra]);

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(DataDirectory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            DataDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
