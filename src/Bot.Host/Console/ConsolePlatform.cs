using Bot.Core.Chat;
using Bot.Core.Replies;

namespace Bot.Host.Console;

/// <summary>Posts scheduled messages (quiz rounds, news) into the console chat while it is open.</summary>
internal sealed class ConsolePlatform(ConsoleChannel channel) : IChatPlatform
{
    public string Name => ConsoleChannel.Address.Platform;

    public bool IsConnected => channel.IsOpen;

    public ValueTask<PublishResult> PostAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (channel.IsOpen)
        {
            channel.Show(reply);
        }
        else
        {
            channel.Hold(reply);
        }

        return ValueTask.FromResult(PublishResult.Ok(idempotencyKey));
    }
}
