using System.Text;
using System.Threading.Channels;

namespace Bot.Host.Tests.Support;

/// <summary>Standard input that a test types into line by line while the chat runs.</summary>
internal sealed class ScriptedInput : TextReader
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public void Type(string line) => _lines.Writer.TryWrite(line);

    public void End() => _lines.Writer.TryComplete();

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _lines.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public override string? ReadLine() => ReadLineAsync(default).AsTask().GetAwaiter().GetResult();
}

/// <summary>Standard output that a test can wait on.</summary>
internal sealed class WatchedOutput : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    /// <summary>Waits until <paramref name="expected"/> appears after position <paramref name="from"/>; returns the position after it.</summary>
    public async Task<int> WaitForAsync(string expected, int from = 0)
    {
        // A ceiling, not a measure: a bot process starting on a loaded machine (two suites at once) can take many seconds.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var text = Text;
            var at = text.IndexOf(expected, Math.Min(from, text.Length), StringComparison.Ordinal);
            if (at >= 0)
            {
                return at + expected.Length;
            }

            try
            {
                await Task.Delay(10, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{expected}' did not appear; output so far:\n{text}");
            }
        }
    }
}
