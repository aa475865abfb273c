using Bot.Core.Chat;

namespace Bot.Matrix;

/// <summary>
/// On Matrix every room has its own power levels, so being a moderator where the command was given
/// says nothing about another room: the caller must be a moderator in the target room itself (by the
/// same rule as for commands, see <see cref="PowerLevels"/>), and the bot must be joined there.
/// </summary>
internal sealed class MatrixChannelAuthority(MatrixClient client, PowerLevels power) : IChannelAuthority
{
    public string Platform => PlatformNames.Matrix;

    public async ValueTask<TargetVerdict> CheckTargetAsync(ChatAddress from, ChatAddress target, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(caller);

        // Room ids only: an alias (#room:server) can be repointed between this check and the post.
        if (!target.Channel.StartsWith('!') || !target.Channel.Contains(':', StringComparison.Ordinal))
        {
            return TargetVerdict.Refuse("Give the room's id (`!abc:example.org`, in the room's settings), not its alias or name.");
        }

        try
        {
            var joined = await client.JoinedRoomsAsync(cancellationToken).ConfigureAwait(false);
            if (!joined.Contains(target.Channel, StringComparer.Ordinal))
            {
                return TargetVerdict.Refuse("I am not in that room; invite me there first.");
            }

            return await power.IsModeratorAsync(target.Channel, caller.Id, cancellationToken).ConfigureAwait(false)
                ? TargetVerdict.Allow
                : TargetVerdict.Refuse("You are not a moderator in that room.");
        }
        catch (MatrixException)
        {
            return TargetVerdict.Refuse(TargetVerdict.CouldNotCheck);
        }
    }
}
