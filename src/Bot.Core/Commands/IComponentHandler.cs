using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>
/// Implemented by a command handler whose replies carry buttons. A press of a button whose id
/// starts with <c>name:</c> comes back here as a <see cref="InvocationKind.Component"/> invocation.
/// </summary>
public interface IComponentHandler
{
    /// <summary>Handles a button press (or a reaction or typed answer standing for one).</summary>
    /// <param name="call">The invocation, with <see cref="CommandInvocation.ComponentId"/> set.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The reply to show.</returns>
    ValueTask<Reply> HandleComponentAsync(CommandInvocation call, CancellationToken cancellationToken);
}
