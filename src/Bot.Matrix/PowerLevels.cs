using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Bot.Matrix;

/// <summary>
/// Who moderates a room: a member whose power level reaches the level needed to send
/// m.room.power_levels (else state_default); in rooms of version 12 the creators rank above all.
/// Read from room state and cached until a power-levels event arrives in the timeline.
/// </summary>
internal sealed class PowerLevels(MatrixClient client)
{
    /// <summary>The spec's default when the room's levels omit state_default.</summary>
    private const long DefaultStateLevel = 50;

    /// <summary>The spec's default when the room's levels omit users_default.</summary>
    private const long DefaultUserLevel = 0;

    private readonly ConcurrentDictionary<string, (JsonNode Levels, HashSet<string> Creators)> _rooms = new(StringComparer.Ordinal);

    public void Forget(string roomId) => _rooms.TryRemove(roomId, out _);

    public async Task<bool> IsModeratorAsync(string roomId, string userId, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue(roomId, out var room))
        {
            // Any shape is tolerated: a field of the wrong kind reads as absent, so its default applies.
            var levels = JsonFields.AsObject(await TryStateAsync(roomId, "m.room.power_levels", cancellationToken).ConfigureAwait(false)) ?? [];
            var create = await TryStateAsync(roomId, "m.room.create", cancellationToken).ConfigureAwait(false);
            var creators = new HashSet<string>(StringComparer.Ordinal);
            if (JsonFields.String(create, "room_version") == "12")
            {
                if (JsonFields.String(create, "creator") is { } creator)
                {
                    creators.Add(creator);
                }

                foreach (var extra in JsonFields.Array(create, "additional_creators") ?? [])
                {
                    if (extra is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                    {
                        creators.Add(v.GetValue<string>());
                    }
                }
            }

            room = (levels, creators);
            _rooms[roomId] = room;
        }

        if (room.Creators.Contains(userId))
        {
            return true;
        }

        var needed = JsonFields.PowerLevel(JsonFields.Object(room.Levels, "events"), "m.room.power_levels")
            ?? JsonFields.PowerLevel(room.Levels, "state_default") ?? DefaultStateLevel;
        var level = JsonFields.PowerLevel(JsonFields.Object(room.Levels, "users"), userId)
            ?? JsonFields.PowerLevel(room.Levels, "users_default") ?? DefaultUserLevel;
        return level >= needed;
    }

    /// <summary>Room v12 puts the creator in the create event's sender; the sync passes it in.</summary>
    public void NoteCreateEvent(string roomId, JsonNode createEvent)
    {
        if (_rooms.TryGetValue(roomId, out var room) && JsonFields.String(JsonFields.Object(createEvent, "content"), "room_version") == "12"
            && JsonFields.String(createEvent, "sender") is { } sender)
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
        catch (MatrixException ex) when (ex.Status == (int)HttpStatusCode.NotFound || ex.ErrorCode == MatrixErrorCode.NotFound)
        {
            return null;
        }
    }
}
