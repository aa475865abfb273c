using System.Text.Json.Nodes;

namespace Bot.Matrix;

/// <summary>What the adapter does with each part of a /sync batch; <see cref="SyncDispatcher"/> guards every call.</summary>
internal interface ISyncHandler
{
    /// <summary>An invite: the room's stripped invite state events, whatever their shape.</summary>
    Task InvitedAsync(string roomId, JsonArray inviteState, CancellationToken cancellationToken);

    /// <summary>The bot was kicked, banned or left.</summary>
    Task LeftAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>One timeline event of a joined room: an object, its other fields unchecked.</summary>
    Task EventAsync(string roomId, JsonObject item, CancellationToken cancellationToken);
}
