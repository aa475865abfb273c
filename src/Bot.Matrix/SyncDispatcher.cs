using System.Text.Json.Nodes;
using Bot.Core.Resilience;
using Microsoft.Extensions.Logging;

namespace Bot.Matrix;

/// <summary>
/// Walks one /sync batch and hands its invites, leaves and timeline events to an <see cref="ISyncHandler"/>,
/// so that nothing in the batch can stop the sync: a part of an unexpected shape is skipped (Debug), and a
/// call that throws is tried at most <see cref="Attempts"/> times, then skipped (Warning). Rooms are handled
/// side by side, so one room's slow or refused sends never hold back another room's replies.
/// </summary>
internal sealed partial class SyncDispatcher(ILogger logger)
{
    /// <summary>How often an invite, leave or event whose handling throws is tried before it is skipped.</summary>
    public const int Attempts = 3;

    /// <summary>Rooms handled at once: enough that a room waiting out a rate limit holds back no other.</summary>
    private const int ParallelRooms = 8;

    public async Task DispatchAsync(JsonNode batch, bool history, ISyncHandler handler, CancellationToken cancellationToken)
    {
        var rooms = JsonFields.Object(batch, "rooms");
        await ForEachRoomAsync(Rooms(rooms, "invite"), async (roomId, room, token) =>
        {
            if (JsonFields.Array(JsonFields.Object(room, "invite_state"), "events") is { } state)
            {
                await GuardAsync(roomId, null, () => handler.InvitedAsync(roomId, state, token), token).ConfigureAwait(false);
            }
            else
            {
                LogSkipped(logger, roomId, "-", "an invite without invite_state.events");
            }
        }, cancellationToken).ConfigureAwait(false);

        await ForEachRoomAsync(Rooms(rooms, "leave"), (roomId, _, token) => GuardAsync(roomId, null, () => handler.LeftAsync(roomId, token), token), cancellationToken).ConfigureAwait(false);

        if (history)
        {
            // A fresh install skips history: the first sync's timeline is not answered.
            return;
        }

        await ForEachRoomAsync(Rooms(rooms, "join"), async (roomId, room, token) =>
        {
            foreach (var item in JsonFields.Array(JsonFields.Object(room, "timeline"), "events") ?? [])
            {
                if (item is JsonObject ev)
                {
                    await GuardAsync(roomId, EventId(ev), () => handler.EventAsync(roomId, ev, token), token).ConfigureAwait(false);
                }
                else
                {
                    LogSkipped(logger, roomId, "-", "a timeline event that is no JSON object");
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rooms of one section, read on this thread: a parsed JsonObject fills in its children on first access and is not safe across threads.</summary>
    private List<(string Id, JsonNode? Room)> Rooms(JsonObject? rooms, string section)
    {
        try
        {
            return [.. (JsonFields.Object(rooms, section) ?? []).Select(r => (r.Key, r.Value))];
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // A repeated room id makes the object unreadable; the section is lost, the sync is not.
            LogSectionUnreadable(logger, section, ex.Message);
            return [];
        }
    }

    private Task ForEachRoomAsync(List<(string Id, JsonNode? Room)> rooms, Func<string, JsonNode?, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        // Each room's events are materialised by its own task only: see Rooms.
        var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelRooms, CancellationToken = cancellationToken };
        return Parallel.ForEachAsync(rooms, options, async (room, token) =>
        {
            try
            {
                await handle(room.Id, room.Room, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // The room's own JSON is unreadable (its events are guarded one by one): the other rooms go on.
                LogGivenUp(logger, room.Id, "-", 1, ex.Message);
            }
        });
    }

    /// <summary>The event's id for the log; an object with repeated keys throws on first read, and is handled (and skipped) by the guard.</summary>
    private static string? EventId(JsonObject item)
    {
        try
        {
            return JsonFields.String(item, "event_id");
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private async Task GuardAsync(string roomId, string? eventId, Func<Task> work, CancellationToken cancellationToken)
    {
        // Tried again at once: the batch holds every room, and a wait here would stall them all.
        var tries = Retries.Pipeline(TimeProvider.System, new RetryPlan(TimeSpan.Zero, TimeSpan.Zero, Attempts - 1),
            ex => ex is not MatrixException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested),
            (ex, _, attempt) => LogRetrying(logger, roomId, eventId ?? "-", attempt, ex.Message));
        try
        {
            await tries.ExecuteAsync(async _ => await work().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (MatrixException ex) when (ex.IsPermanentForRoom)
        {
            // Muted, banned or a room that is gone: asking again gets the same answer.
            LogRefused(logger, roomId, eventId ?? "-", ex.Message);
        }
        catch (MatrixException ex)
        {
            // MatrixClient already retried rate limits and 5xx with backoff; holding the batch longer would stall every room.
            LogGivenUp(logger, roomId, eventId ?? "-", MatrixClient.Attempts, ex.Message);
        }
        catch (Exception ex)
        {
            LogGivenUp(logger, roomId, eventId ?? "-", Attempts, ex.ToString());
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Debug, Message = "Skipped a Matrix event in {Room} ({EventId}): {Why}")]
    internal static partial void LogSkipped(ILogger logger, string room, string eventId, string why);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Matrix refused the bot in {Room} while handling {EventId}, not retried: {Error}")]
    private static partial void LogRefused(ILogger logger, string room, string eventId, string error);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Gave up on {EventId} in {Room} after {Attempts} attempts: {Error}")]
    private static partial void LogGivenUp(ILogger logger, string room, string eventId, int attempts, string error);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Debug, Message = "Handling {EventId} in {Room} failed (attempt {Attempt}), trying again: {Error}")]
    private static partial void LogRetrying(ILogger logger, string room, string eventId, int attempt, string error);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Warning, Message = "The sync batch's rooms.{Section} could not be read and was skipped: {Error}")]
    private static partial void LogSectionUnreadable(ILogger logger, string section, string error);
}
