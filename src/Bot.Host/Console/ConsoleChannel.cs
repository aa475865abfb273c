using Bot.Core.Chat;
using Bot.Core.Replies;

namespace Bot.Host.Console;

/// <summary>
/// The console's one channel: the output that replies and posts share, written under one lock so
/// that a scheduled post never interleaves with a reply. Remembers the buttons last shown.
/// </summary>
internal sealed class ConsoleChannel
{
    public static readonly ChatAddress Address = new(PlatformNames.Console, "local", "console");

    private readonly Lock _gate = new();
    private TextWriter _output = TextWriter.Null;
    private readonly Queue<Reply> _pending = new();
    private IReadOnlyList<ReplyButton> _buttons = [];

    public bool IsOpen { get; private set; }

    public void Open(TextWriter output)
    {
        lock (_gate)
        {
            _output = output;
            IsOpen = true;
        }

        // Posts made while no chat was open (a quiz round resumed at start) are shown now.
        while (TakePending() is { } reply)
        {
            Show(reply);
        }
    }

    /// <summary>Keeps a post for when the chat opens; the oldest go first once 100 are waiting.</summary>
    public void Hold(Reply reply)
    {
        lock (_gate)
        {
            if (_pending.Count == 100)
            {
                _pending.Dequeue();
            }

            _pending.Enqueue(reply);
        }
    }

    private Reply? TakePending()
    {
        lock (_gate)
        {
            return _pending.TryDequeue(out var reply) ? reply : null;
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            IsOpen = false;
        }
    }

    public void Show(Reply reply)
    {
        var text = ConsoleRenderer.Render(reply);
        lock (_gate)
        {
            if (reply.Buttons.Count > 0)
            {
                _buttons = reply.Buttons;
            }

            _output.WriteLine(text);
            _output.WriteLine();
            _output.Flush();
        }
    }

    public void Say(string line)
    {
        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    /// <summary>The id of button <paramref name="number"/> (1-based) of the last reply that had buttons.</summary>
    public string? ButtonId(int number)
    {
        lock (_gate)
        {
            return number >= 1 && number <= _buttons.Count ? _buttons[number - 1].Id : null;
        }
    }
}
