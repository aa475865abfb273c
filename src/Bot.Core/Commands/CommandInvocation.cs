using System.Globalization;
using Bot.Core.Chat;

namespace Bot.Core.Commands;

/// <summary>
/// A validated invocation handed to a module: the options are typed (string, long or bool) and
/// the caller has the permission the command needs.
/// </summary>
/// <param name="Spec">The command (or subcommand) that runs.</param>
/// <param name="Caller">Who.</param>
/// <param name="Place">Where.</param>
public sealed record CommandInvocation(CommandSpec Spec, Caller Caller, ChatAddress Place)
{
    /// <summary>The top-level command name.</summary>
    public string Command { get; init; } = Spec.Name;

    /// <summary>The subcommand name, when the command has subcommands.</summary>
    public string? Subcommand { get; init; }

    /// <summary>Typed option values: <see cref="string"/>, <see cref="long"/> or <see cref="bool"/>.</summary>
    public IReadOnlyDictionary<string, object> Options { get; init; } = new Dictionary<string, object>();

    /// <summary>Command, or a press of a button that an earlier reply offered.</summary>
    public InvocationKind Kind { get; init; } = InvocationKind.Command;

    /// <summary>The pressed button's id, for <see cref="InvocationKind.Component"/>.</summary>
    public string? ComponentId { get; init; }

    /// <summary>The caller's locale.</summary>
    public string Locale { get; init; } = "en";

    /// <summary>A required text or choice option.</summary>
    public string Text(string name) =>
        OptionalText(name) ?? throw new InvalidOperationException($"Option '{name}' is required but missing; the router should have refused.");

    /// <summary>A text or choice option, or null when not given.</summary>
    public string? OptionalText(string name) =>
        Options.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    /// <summary>An integer option, or <paramref name="fallback"/> when not given.</summary>
    public long Integer(string name, long fallback) =>
        Options.TryGetValue(name, out var value) ? (long)value : fallback;

    /// <summary>A boolean option, or <paramref name="fallback"/> when not given.</summary>
    public bool Flag(string name, bool fallback = false) =>
        Options.TryGetValue(name, out var value) ? (bool)value : fallback;

    /// <summary>A required text or choice option, named by its declaration.</summary>
    public string Text(OptionSpec option) => Text(Declared(option, OptionKind.Text, OptionKind.Choice, OptionKind.Channel).Name);

    /// <summary>A text, choice or channel option, named by its declaration; null when not given.</summary>
    public string? OptionalText(OptionSpec option) => OptionalText(Declared(option, OptionKind.Text, OptionKind.Choice, OptionKind.Channel).Name);

    /// <summary>An integer option, named by its declaration; null when not given.</summary>
    public long? Integer(OptionSpec option) =>
        Options.TryGetValue(Declared(option, OptionKind.Integer).Name, out var value) ? (long)value : null;

    /// <summary>How a user would type this command (for messages): <c>/quiz start</c>.</summary>
    public string Usage => Subcommand is null ? $"/{Command}" : $"/{Command} {Subcommand}";

    private OptionSpec Declared(OptionSpec option, params OptionKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(option);
        return Array.IndexOf(kinds, option.Kind) >= 0 && Spec.Options.Contains(option)
            ? option
            : throw new InvalidOperationException($"{Usage} reads option '{option.Name}' ({option.Kind}) that it does not declare as one of {string.Join('/', kinds)}.");
    }
}
