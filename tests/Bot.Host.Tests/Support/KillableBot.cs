using System.Diagnostics;
using System.Text;

namespace Bot.Host.Tests.Support;

/// <summary>
/// <c>bot run</c> as a child process on a real data directory, configured through the environment
/// as an operator would, that a test can SIGKILL at any moment (no shutdown code runs) or stop cleanly.
/// </summary>
internal sealed class KillableBot : IDisposable
{
    /// <summary>A ceiling for a clean stop on a loaded machine, not a measure.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private KillableBot(Process process) => _process = process;

    /// <summary>What the bot wrote to stdout and stderr, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static KillableBot Start(string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "bot.dll"), "run", "--data-dir", dataDirectory })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var bot = new KillableBot(Process.Start(start)!);
        bot._process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        bot._process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        bot._process.BeginOutputReadLine();
        bot._process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>SIGKILL, then waits until the process is gone (its database file is then free for the next run).</summary>
    public async Task KillAsync()
    {
        _ = Signals.Kill(_process.Id, Signals.Sigkill);
        using var timeout = new CancellationTokenSource(StopTimeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGTERM and a clean shutdown; the exit code.</summary>
    public async Task<int> StopAsync()
    {
        _ = Signals.Kill(_process.Id, Signals.Sigterm);
        using var timeout = new CancellationTokenSource(StopTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
