using Bot.Core.Chat;
using Bot.Core.Diagnostics;
using Bot.Core.Replies;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Commands;

/// <summary>
/// The one gateway between adapters and modules: finds the command, checks the caller's
/// permission, binds the options and runs the handler. A handler's exception becomes an apology
/// with a short correlation id that also appears on the one log line written for it.
/// </summary>
public sealed partial class CommandRouter(CommandCatalog catalog, PersonRateLimiter limiter, ILogger<CommandRouter> logger)
{
    /// <summary>The catalog the router routes to.</summary>
    public CommandCatalog Catalog => catalog;

    /// <summary>Routes a command and returns the reply to show; never throws for a user's input.</summary>
    public async ValueTask<Reply> RouteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var handler = catalog.Find(request.Command);
        switch (limiter.Check(request.Caller, request.Place, handler?.Spec.CallsModel ?? false))
        {
            case RateVerdict.SlowDown:
                Count(handler?.Spec.Name ?? "unknown", "limited");
                return new Reply
                {
                    Text = "You're going a bit fast for me: please give it a few seconds before the next command.",
                    Tone = Tone.Problem,
                    Ephemeral = true,
                };
            case RateVerdict.Silent:
                Count(handler?.Spec.Name ?? "unknown", "limited");
                return new Reply { Text = "Still too fast: I'll answer again in a few seconds.", Tone = Tone.Problem, Ephemeral = true, Silent = true };
        }

        if (handler is null)
        {
            Count("unknown", "unknown");
            return Unknown(request.Command);
        }

        var top = handler.Spec;
        var leaf = top;
        var path = top.Name;
        if (top.Subcommands.Count > 0)
        {
            var names = top.Subcommands.Select(s => s.Name).ToList();
            if (request.Subcommand is null)
            {
                return Reply.Problem($"`/{top.Name}` needs one of {Usage.JoinAnd(names)}, e.g. `{Usage.Example($"{top.Name} {names[0]}", top.Subcommands[0])}`");
            }

            leaf = top.FindSubcommand(request.Subcommand);
            if (leaf is null)
            {
                var near = Suggest.Nearest(request.Subcommand, names);
                var hint = near is null ? "" : $" Did you mean `/{top.Name} {near}`?";
                return Reply.Problem($"`/{top.Name}` has no `{Clip(request.Subcommand)}`; it has {Usage.JoinAnd(names)}.{hint}");
            }

            path = $"{top.Name} {leaf.Name}";
        }

        if (Needs(top, leaf) == Permission.Moderator && !request.Caller.IsModerator)
        {
            Count(path, "refused");
            return Reply.Problem($"`/{path}` is for moderators.");
        }

        var bound = OptionBinder.Bind(path, leaf, request.Options);
        if (!bound.Ok)
        {
            Count(path, "problem");
            return Reply.Problem(bound.Error!);
        }

        var call = new CommandInvocation(leaf, request.Caller, request.Place)
        {
            Command = top.Name,
            Subcommand = leaf == top ? null : leaf.Name,
            Options = bound.Options!,
            Locale = request.Locale,
        };
        return await RunAsync(path, () => handler.HandleAsync(call, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Routes a button press to the handler of the command its <see cref="ButtonId"/> names.</summary>
    public async ValueTask<Reply> PressAsync(string componentId, Caller caller, ChatAddress place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(componentId);
        var name = ButtonId.Parse(componentId)?.Command ?? "";
        if (catalog.Find(name) is not { } handler || handler is not IComponentHandler components)
        {
            return Reply.Problem("That button no longer does anything.");
        }

        if (handler.Spec.Permission == Permission.Moderator && !caller.IsModerator)
        {
            return Reply.Problem($"`/{handler.Spec.Name}` is for moderators.");
        }

        var call = new CommandInvocation(handler.Spec, caller, place) { Kind = InvocationKind.Component, ComponentId = componentId };
        return await RunAsync(name, () => components.HandleComponentAsync(call, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Asks the command's handler for completions; at most 25, none on any failure.</summary>
    public async ValueTask<IReadOnlyList<string>> CompleteAsync(
        string command, string? subcommand, string option, string partial, CancellationToken cancellationToken)
    {
        if (catalog.Find(command) is not IAutocompleteHandler completer)
        {
            return [];
        }

        try
        {
            var all = await completer.CompleteAsync(subcommand, option, partial ?? "", cancellationToken).ConfigureAwait(false);
            return [.. all.Take(25)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Autocomplete is a nicety while typing: an empty list is the right answer to a failure.
            LogAutocompleteFailed(logger, ex, command, option);
            return [];
        }
    }

    private async ValueTask<Reply> RunAsync(string path, Func<ValueTask<Reply>> handle)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var reply = await handle().ConfigureAwait(false);
            Count(path, reply.Tone == Tone.Problem ? "problem" : "ok");
            BotMetrics.CommandDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("command", path));
            return reply;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            var id = ShortId.New("", 8);
            Count(path, "failure");
            if (IsDiskFull(ex))
            {
                LogDiskFull(logger, ex, path, id);
                return new Reply
                {
                    Text = "I can't save anything right now: the disk the bot keeps its data on is full. " +
                           $"What was saved before is safe. Please tell a moderator (error id `{id}`).",
                    Tone = Tone.Failure,
                    Ephemeral = true,
                    Footer = $"error id {id}",
                };
            }

            LogHandlerFailed(logger, ex, path, id);
            return new Reply
            {
                Text = $"Sorry, something went wrong on my side while handling `/{path}`. " +
                       $"If you report it, mention the id `{id}`.",
                Tone = Tone.Failure,
                Ephemeral = true,
                Footer = $"error id {id}",
            };
        }
    }

    /// <summary>ENOSPC (errno 28 on Linux) or Windows' ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL, however deeply wrapped (LiteDB wraps).</summary>
    private static bool IsDiskFull(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is IOException io && (io.HResult is 28 or 0x70 or 0x27 or unchecked((int)0x80070070) or unchecked((int)0x80070027)
                || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private Reply Unknown(string typed)
    {
        var shown = Clip(typed);
        return catalog.Nearest(typed) is { } near
            ? Reply.Problem($"I don't know `/{shown}` — did you mean `/{near}`? Try /help")
            : Reply.Problem($"I don't know `/{shown}`. Try /help");
    }

    private static void Count(string command, string outcome) =>
        BotMetrics.Commands.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));

    private static Permission Needs(CommandSpec top, CommandSpec leaf) =>
        top.Permission == Permission.Moderator || leaf.Permission == Permission.Moderator ? Permission.Moderator : Permission.Everyone;

    private static string Clip(string text) => (text.Length <= 32 ? text : text[..32] + "…").Replace('`', '\'');

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Command /{Command} failed; error id {ErrorId}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string command, string errorId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "Command /{Command} could not save: the data disk is full; error id {ErrorId}")]
    private static partial void LogDiskFull(ILogger logger, Exception exception, string command, string errorId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Autocomplete for /{Command} {Option} failed")]
    private static partial void LogAutocompleteFailed(ILogger logger, Exception exception, string command, string option);
}
