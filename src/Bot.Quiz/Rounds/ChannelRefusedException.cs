namespace Bot.Quiz.Rounds;

/// <summary>A round's channel refused a post for good (no access, or the channel is gone).</summary>
internal sealed class ChannelRefusedException(string message) : Exception(message);
