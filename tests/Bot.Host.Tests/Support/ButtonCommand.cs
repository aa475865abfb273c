using Bot.Core.Commands;
using Bot.Core.Replies;

namespace Bot.Host.Tests.Support;

/// <summary>A module command whose reply offers buttons, as quiz questions do.</summary>
internal sealed class ButtonCommand : ICommandHandler, IComponentHandler
{
    public CommandSpec Spec { get; } = new("pick", "Offers two buttons") { Module = "Test" };

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new Reply { Text = "Pick one", Buttons = [new ReplyButton("pick:a", "Alpha"), new ReplyButton("pick:b", "Beta")] });

    public ValueTask<Reply> HandleComponentAsync(CommandInvocation call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Reply.Say($"{call.Caller.DisplayName} picked {call.ComponentId}"));
}
