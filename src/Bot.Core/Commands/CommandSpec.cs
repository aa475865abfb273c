namespace Bot.Core.Commands;

/// <summary>
/// A command as declared by its module: the single source for Discord registration, Matrix and
/// console parsing, and <c>/help</c>. A command has either options or subcommands, not both.
/// </summary>
/// <param name="Name">Lower-case name without prefix (<c>compare</c>).</param>
/// <param name="Description">One line, at most 100 characters.</param>
public sealed record CommandSpec(string Name, string Description)
{
    /// <summary>The module that owns the command; groups <c>/help</c>.</summary>
    public string Module { get; init; } = "General";

    /// <summary>The options, in the order that unnamed words fill them.</summary>
    public IReadOnlyList<OptionSpec> Options { get; init; } = [];

    /// <summary>Subcommands (<c>/quiz start</c>); each has its own options and permission.</summary>
    public IReadOnlyList<CommandSpec> Subcommands { get; init; } = [];

    /// <summary>Who may run it. A subcommand needs the stricter of its own and its parent's.</summary>
    public Permission Permission { get; init; } = Permission.Everyone;

    /// <summary>Other names typed commands accept (<c>!a</c> for <c>!answer</c>); Discord registers only the name.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>A complete example as a user would type it (<c>/compare openssl from:alma9 to:rocky9</c>).</summary>
    public string? Example { get; init; }

    /// <summary>Whether an answer may call a language model (paid per call): such commands count against the lower per-person limit.</summary>
    public bool CallsModel { get; init; }

    /// <summary>Finds an option by name, ignoring case.</summary>
    public OptionSpec? FindOption(string name) =>
        Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a subcommand by name, ignoring case.</summary>
    public CommandSpec? FindSubcommand(string name) =>
        Subcommands.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
