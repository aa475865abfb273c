using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Bot.Matrix;

/// <summary>
/// Who moderates a room: a member whose power level reaches the level needed to send
/// m.room.power_levels (else state_default); in rooms of version 12 the creators rank above all.
/// Read from room state and cached until a power-levels event arrives in the timeline.
/// </summary>
internal sealed class PowerLevels(MatrixClient client)
{
    private readonly ConcurrentDictionary<string, (JsonNode Levels, HashSet<string> Creators)> _rooms = new(StringComparer.Ordinal);

    public void Forget(string roomId) => _rooms.TryRemove(roomId, out _);

    public async Task<bool> IsModeratorAsync(string roomId, string userId, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            var levels = await TryStateAsync(roomId, "m.room.power_levels", cancellationToken).ConfigureAwait(false) ?? new JsonObject();
            var create = await TryStateAsync(roomId, "m.room.create", cancellationToken).ConfigureAwait(false);
            var creators = new HashSet<string>(StringComparer.Ordinal);
            if ((string?)create?["room_version"] == "12")
            {
                if ((string?)create["creator"] is { } creator)
                {
                    creators.Add(creator);
                }

                foreach (var extra in create["additional_creators"]?.AsArray() ?? [])
                {
                    creators.Add((string)extra!);
                }
            }

            room = (levels, creators);
            _rooms[roomId] = room;
        }

        if (room.Creators.Contains(userId))
        {
            return true;
        }

        var needed = (int?)room.Levels["events"]?["m.room.power_levels"] ?? (int?)room.Levels["state_default"] ?? 50;
        var level = (int?)room.Levels["users"]?[userId] ?? (int?)room.Levels["users_default"] ?? 0;
        return level >= needed;
    }

    /// <summary>Room v12 puts the creator in the create event's sender; the sync passes it in.</summary>
    public void NoteCreateEvent(string roomId, JsonNode createEvent)
    {
        if (_rooms.TryGetValue(roomId, out var room) && (string?)createEvent["content"]?["room_version"] == "12" && (string?)createEvent["sender"] is { } sender)
        {
            room.Creators.Add(sender);
        }
    }

    private async Task<JsonNode?> TryStateAsync(string roomId, string type, CancellationToken cancellationToken)
    {
        try
        {
            return await client.StateAsync(roomId, type, cancellationToken).ConfigureAwait(false);
        }
        catch (MatrixException ex) when (ex.Status == 404 || ex.ErrorCode == "M_NOT_FOUND")
        {
            return null;
        }
    }
}
