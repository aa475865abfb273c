using Bot.Core.Commands;
using Bot.Core.Replies;

namespace Bot.Host.Tests.Support;

/// <summary>A module command that fails, with a message that must never reach the user.</summary>
internal sealed class ThrowingCommand : ICommandHandler
{
    public CommandSpec Spec { get; } = new("boom", "Always fails") { Module = "Test" };

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("connection string Password=hunter2");
}
