using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>A module's handler for one top-level command (and its subcommands).</summary>
public interface ICommandHandler
{
    /// <summary>The command's declaration.</summary>
    CommandSpec Spec { get; }

    /// <summary>Runs a validated invocation and returns the reply.</summary>
    /// <param name="call">The invocation.</param>
    /// <param name="cancellationToken">Cancelled when the bot shuts down or the platform gives up.</param>
    /// <returns>The reply to show.</returns>
    ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken);
}
