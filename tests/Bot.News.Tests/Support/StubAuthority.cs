using Bot.Core.Chat;

namespace Bot.News.Tests.Support;

/// <summary>A platform's channel rule that answers what the test says and remembers what it was asked.</summary>
internal sealed class StubAuthority(string platform, TargetVerdict verdict) : IChannelAuthority
{
    public string Platform => platform;

    public List<ChatAddress> Asked { get; } = [];

    public ValueTask<TargetVerdict> CheckTargetAsync(ChatAddress from, ChatAddress target, Caller caller, CancellationToken cancellationToken)
    {
        Asked.Add(target);
        return ValueTask.FromResult(verdict);
    }
}
