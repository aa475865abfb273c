using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Replies;
using Microsoft.Extensions.Options;

namespace Bot.Core.Text;

/// <summary>
/// The text path shared by the console and Matrix: sanitise, check the length, parse, route.
/// </summary>
public sealed class TextCommandGateway(CommandRouter router, IOptions<ChatOptions> options)
{
    private readonly TextCommandParser _parser = new(router.Catalog, options.Value.Prefixes);

    /// <summary>
    /// Handles one typed line. Returns null for a line that is empty or is not a command, which
    /// the adapter may ignore (Matrix) or answer with a hint (console).
    /// </summary>
    public async ValueTask<Reply?> HandleLineAsync(string? line, Caller caller, ChatAddress place, CancellationToken cancellationToken)
    {
        var clean = TextInput.Sanitize(line);
        if (clean.Length == 0)
        {
            return null;
        }

        var max = options.Value.MaxInputLength;
        if (clean.Length > max)
        {
            return Reply.Problem($"That message is {clean.Length:N0} characters long; I take at most {max:N0}. Please shorten it.");
        }

        var parsed = _parser.Parse(clean, caller, place);
        if (parsed.Error is not null)
        {
            return Reply.Problem(parsed.Error);
        }

        return parsed.Request is null ? null : await router.RouteAsync(parsed.Request, cancellationToken).ConfigureAwait(false);
    }
}
