using Bot.Core.Replies;

namespace Bot.Core.Commands;

/// <summary>
/// A command made of subcommands (<c>/quiz start</c>, <c>/news list</c>), each declared with the code
/// that runs it: the spec that registration, parsing and <c>/help</c> read lists exactly the declared
/// subcommands, so a subcommand cannot be declared without a handler or handled without being declared.
/// </summary>
public abstract class SubcommandHandler : ICommandHandler
{
    private readonly CommandSpec _command;
    private readonly List<Subcommand> _subcommands = [];
    private CommandSpec? _spec;

    /// <param name="command">The command, without subcommands: the Declare calls add them.</param>
    protected SubcommandHandler(CommandSpec command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Subcommands.Count > 0 || command.Options.Count > 0)
        {
            throw new ArgumentException($"/{command.Name}: declare its subcommands with Declare; a command with subcommands has no options of its own.", nameof(command));
        }

        _command = command;
    }

    public CommandSpec Spec => _spec ??= _command with { Subcommands = [.. _subcommands.Select(s => s.Spec)] };

    /// <summary>The declared subcommands, in the order of declaration.</summary>
    public IReadOnlyList<Subcommand> Subcommands => _subcommands;

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var subcommand = _subcommands.Find(s => string.Equals(s.Spec.Name, call.Subcommand, StringComparison.OrdinalIgnoreCase));
        return subcommand is null
            ? ValueTask.FromResult(Reply.Problem($"`/{_command.Name}` has no subcommand `{call.Subcommand}`; see `/help {_command.Name}`."))
            : subcommand.RunAsync(call, cancellationToken);
    }

    /// <summary>Declares a subcommand and the code that runs it; call from the constructor.</summary>
    protected void Declare(CommandSpec subcommand, Func<CommandInvocation, CancellationToken, ValueTask<Reply>> run)
    {
        ArgumentNullException.ThrowIfNull(subcommand);
        ArgumentNullException.ThrowIfNull(run);
        if (_spec is not null)
        {
            throw new InvalidOperationException($"/{_command.Name} {subcommand.Name}: subcommands are declared in the constructor, before the spec is read.");
        }

        if (_subcommands.Exists(s => string.Equals(s.Spec.Name, subcommand.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"/{_command.Name} {subcommand.Name} is declared twice.");
        }

        _subcommands.Add(new Subcommand(subcommand, run));
    }

    /// <summary>Declares a subcommand whose code needs no awaiting.</summary>
    protected void Declare(CommandSpec subcommand, Func<CommandInvocation, Reply> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Declare(subcommand, (call, _) => ValueTask.FromResult(run(call)));
    }
}

/// <summary>One subcommand and the code that runs it.</summary>
/// <param name="Spec">Its declaration.</param>
/// <param name="RunAsync">Its handler.</param>
public sealed record Subcommand(CommandSpec Spec, Func<CommandInvocation, CancellationToken, ValueTask<Reply>> RunAsync);
