using System.Text.RegularExpressions;

namespace Bot.Core.Commands;

/// <summary>
/// Every command of every module, checked once at start against the rules all platforms share
/// (Discord's are the strictest: lower-case names of 1-32 characters, descriptions of 1-100).
/// </summary>
public sealed partial class CommandCatalog
{
    private readonly Dictionary<string, ICommandHandler> _handlers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ICommandHandler> _aliases = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the catalog; a malformed declaration is a bug and throws at start.</summary>
    /// <param name="handlers">The handlers that modules registered.</param>
    public CommandCatalog(IEnumerable<ICommandHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        foreach (var handler in handlers)
        {
            CheckSpec(handler.Spec, isSubcommand: false);
            if (!_handlers.TryAdd(handler.Spec.Name, handler))
            {
                throw new InvalidOperationException($"Two modules declare the command '/{handler.Spec.Name}'.");
            }

            foreach (var alias in handler.Spec.Aliases)
            {
                if (!NameRule().IsMatch(alias) || !_aliases.TryAdd(alias, handler))
                {
                    throw new InvalidOperationException($"The alias '{alias}' of '/{handler.Spec.Name}' is malformed or taken.");
                }
            }
        }

        var clash = _aliases.Keys.FirstOrDefault(_handlers.ContainsKey);
        if (clash is not null)
        {
            throw new InvalidOperationException($"The alias '{clash}' is also a command name.");
        }
    }

    /// <summary>All commands, by module and name.</summary>
    public IReadOnlyList<CommandSpec> Commands =>
        [.. _handlers.Values.Select(h => h.Spec).OrderBy(s => s.Module, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>Finds the handler of a top-level command by name or alias, ignoring case.</summary>
    public ICommandHandler? Find(string name) => _handlers.GetValueOrDefault(name) ?? _aliases.GetValueOrDefault(name);

    /// <summary>The known command name nearest to <paramref name="typed"/>, if one is near enough to be a typo.</summary>
    public string? Nearest(string typed) => Suggest.Nearest(typed, _handlers.Keys);

    private static void CheckSpec(CommandSpec spec, bool isSubcommand)
    {
        var what = isSubcommand ? "subcommand" : "command";
        if (!NameRule().IsMatch(spec.Name))
        {
            throw new InvalidOperationException($"The {what} name '{spec.Name}' must be 1-32 lower-case letters, digits, '-' or '_'.");
        }

        if (spec.Description.Length is < 1 or > 100)
        {
            throw new InvalidOperationException($"The description of '{spec.Name}' must be 1-100 characters.");
        }

        if (spec.Options.Count > 0 && spec.Subcommands.Count > 0)
        {
            throw new InvalidOperationException($"'{spec.Name}' has both options and subcommands; Discord allows one or the other.");
        }

        if (spec.Options.Count > 25 || spec.Subcommands.Count > 25)
        {
            throw new InvalidOperationException($"'{spec.Name}' has more than 25 options or subcommands.");
        }

        if (isSubcommand && spec.Subcommands.Count > 0)
        {
            throw new InvalidOperationException($"Subcommand '{spec.Name}' nests further subcommands; keep one level.");
        }

        var seenOptional = false;
        foreach (var option in spec.Options)
        {
            CheckOption(spec, option);
            if (option.Required && seenOptional)
            {
                // Discord rejects a required option after an optional one.
                throw new InvalidOperationException($"Option '{option.Name}' of '{spec.Name}' is required but follows an optional one.");
            }

            seenOptional |= !option.Required;
        }

        if (spec.Options.Select(o => o.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != spec.Options.Count)
        {
            throw new InvalidOperationException($"'{spec.Name}' declares an option twice.");
        }

        foreach (var sub in spec.Subcommands)
        {
            CheckSpec(sub, isSubcommand: true);
        }
    }

    private static void CheckOption(CommandSpec spec, OptionSpec option)
    {
        if (!NameRule().IsMatch(option.Name) || option.Description.Length is < 1 or > 100)
        {
            throw new InvalidOperationException($"Option '{option.Name}' of '{spec.Name}' breaks the naming rules.");
        }

        if (option.Kind == OptionKind.Choice && option.Choices.Count is < 1 or > 25)
        {
            throw new InvalidOperationException($"Choice option '{option.Name}' of '{spec.Name}' needs 1-25 choices.");
        }

        if (option.Kind != OptionKind.Choice && option.Choices.Count > 0)
        {
            throw new InvalidOperationException($"Option '{option.Name}' of '{spec.Name}' has choices but is not a choice option.");
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRule();
}
