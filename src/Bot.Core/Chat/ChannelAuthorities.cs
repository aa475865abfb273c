namespace Bot.Core.Chat;

/// <summary>Picks the rule of the target's platform.</summary>
public static class ChannelAuthorities
{
    /// <summary>The refusal on platforms with a single channel or no rule for other channels.</summary>
    public const string NoOtherChannels = "Here I can only post in this channel; leave out `channel`.";

    /// <summary>
    /// Allows the channel the command came from; otherwise asks the platform's rule, and refuses when
    /// there is none (the console) or the target is on another platform.
    /// </summary>
    public static ValueTask<TargetVerdict> CheckTargetAsync(this IEnumerable<IChannelAuthority> authorities, ChatAddress from, ChatAddress target, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(target);
        if (target == from)
        {
            return ValueTask.FromResult(TargetVerdict.Allow);
        }

        var authority = authorities.FirstOrDefault(a => string.Equals(a.Platform, from.Platform, StringComparison.OrdinalIgnoreCase));
        return authority is null || !string.Equals(from.Platform, target.Platform, StringComparison.OrdinalIgnoreCase)
            ? ValueTask.FromResult(TargetVerdict.Refuse(NoOtherChannels))
            : authority.CheckTargetAsync(from, target, caller, cancellationToken);
    }
}
