using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Text;

namespace Bot.Host.Console;

/// <summary>
/// <c>bot chat</c>: one line in, the rendered reply out, until end of input or shutdown. The
/// person at the console runs the bot, so they count as a moderator.
/// </summary>
internal sealed partial class ConsoleChat(TextCommandGateway gateway, CommandRouter router, ConsoleChannel channel)
{
    public static readonly Caller Operator = new("console", Environment.UserName is { Length: > 0 } name ? name : "you", IsModerator: true) { IsOperator = true };

    public async Task RunAsync(TextReader input, TextWriter output, bool interactive, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(input);
        channel.Open(output);
        try
        {
            if (interactive)
            {
                channel.Say("Console chat with the bot. Type /help for the commands; Ctrl-D or Ctrl-C leaves.");
            }

            while (!stopping.IsCancellationRequested)
            {
                if (interactive)
                {
                    await output.WriteAsync("> ").ConfigureAwait(false);
                    await output.FlushAsync(stopping).ConfigureAwait(false);
                }

                var line = await ReadLineAsync(input, stopping).ConfigureAwait(false);
                if (line is null)
                {
                    return;
                }

                var reply = await AnswerAsync(line, stopping).ConfigureAwait(false);
                if (reply is { Silent: false })
                {
                    channel.Show(reply);
                }
            }
        }
        finally
        {
            channel.Close();
        }
    }

    private async ValueTask<Reply?> AnswerAsync(string line, CancellationToken stopping)
    {
        var clean = TextInput.Sanitize(line);
        if (clean.Length == 0)
        {
            return null;
        }

        var caller = Operator;
        var match = Speaker().Match(clean);
        if (match.Success)
        {
            // "@alice /answer B": try multi-person features (quiz rounds) alone at the console.
            var name = match.Groups["name"].Value;
            caller = new Caller("console:" + name.ToLowerInvariant(), name, IsModerator: false);
            clean = match.Groups["rest"].Value;
        }

        var words = clean.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words[0] is "/press" or "!press")
        {
            return await PressAsync(words, caller, stopping).ConfigureAwait(false);
        }

        return await gateway.HandleLineAsync(clean, caller, ConsoleChannel.Address, stopping).ConfigureAwait(false)
            ?? Reply.Problem("Commands start with / (for example /help).");
    }

    private async ValueTask<Reply> PressAsync(string[] words, Caller caller, CancellationToken stopping)
    {
        if (words.Length != 2 || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Reply.Problem("`/press` takes the number of a button, e.g. `/press 1`.");
        }

        return channel.ButtonId(number) is { } id
            ? await router.PressAsync(id, caller, ConsoleChannel.Address, stopping).ConfigureAwait(false)
            : Reply.Problem($"There is no button {number} on the last message.");
    }

    [GeneratedRegex(@"^@(?<name>[A-Za-z0-9_.-]{1,32})\s+(?<rest>\S.*)$")]
    private static partial Regex Speaker();

    private static async Task<string?> ReadLineAsync(TextReader input, CancellationToken stopping)
    {
        // Console input blocks its thread and ignores cancellation, so it reads on a pool thread
        // raced against shutdown: SIGTERM and Ctrl-C end the chat even while it waits for a line.
        var read = input == System.Console.In ? Task.Run(input.ReadLine, CancellationToken.None) : input.ReadLineAsync(stopping).AsTask();
        var stopped = Task.Delay(Timeout.Infinite, stopping);
        var first = await Task.WhenAny(read, stopped).ConfigureAwait(false);
        return first == read ? await read.ConfigureAwait(false) : null;
    }
}
