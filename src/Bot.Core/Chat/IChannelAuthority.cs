namespace Bot.Core.Chat;

/// <summary>
/// A platform's rule for posting on a caller's behalf into a channel other than the one the command
/// came from: the target must be in the caller's server (guild, room set) and the caller must have
/// authority there. Adapters implement it; platforms without one cannot post elsewhere.
/// </summary>
public interface IChannelAuthority
{
    /// <summary>The platform name this rule is for, as in <see cref="ChatAddress.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>Decides whether <paramref name="caller"/>, speaking in <paramref name="from"/>, may post into <paramref name="target"/>.</summary>
    /// <param name="from">Where the command came from.</param>
    /// <param name="target">Where the post would go; on the same platform.</param>
    /// <param name="caller">Who asked, with their authority where they asked.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>Allowed, or refused with words for the caller; a failed lookup refuses.</returns>
    ValueTask<TargetVerdict> CheckTargetAsync(ChatAddress from, ChatAddress target, Caller caller, CancellationToken cancellationToken);
}
