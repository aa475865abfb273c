namespace Bot.Core.Commands;

/// <summary>Who may run a command. Each platform decides who counts as a moderator.</summary>
public enum Permission
{
    /// <summary>Anyone in the channel.</summary>
    Everyone,

    /// <summary>Only moderators (Discord: Manage Guild or Administrator; Matrix: power level to change power levels).</summary>
    Moderator,
}
