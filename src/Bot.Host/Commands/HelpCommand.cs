using System.Text;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Commands;

/// <summary><c>/help [command]</c>, derived from the catalog so it never drifts from what the bot does.</summary>
internal sealed class HelpCommand(IServiceProvider services) : ICommandHandler, IAutocompleteHandler
{
    private static readonly OptionSpec Command = new("command", OptionKind.Text, "A command to explain, e.g. compare") { Autocomplete = true, MaxLength = 100 };

    // The catalog is built from every handler, this one included, so it is fetched on use.
    private CommandCatalog Catalog => services.GetRequiredService<CommandCatalog>();

    public CommandSpec Spec { get; } = new("help", "List the commands, or explain one")
    {
        Module = "General",
        Options = [Command],
        Example = "/help about",
    };

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var name = call.OptionalText(Command)?.TrimStart('/', '!').Split(' ', 2)[0];
        return ValueTask.FromResult(name is null ? Overview() : Detail(name));
    }

    public ValueTask<IReadOnlyList<string>> CompleteAsync(string? subcommand, string option, string partial, CancellationToken cancellationToken)
    {
        var found = Catalog.Commands.Select(c => c.Name)
            .Where(n => n.StartsWith(partial.TrimStart('/'), StringComparison.OrdinalIgnoreCase)).ToList();
        return ValueTask.FromResult<IReadOnlyList<string>>(found);
    }

    private Reply Overview()
    {
        var text = new StringBuilder();
        foreach (var module in Catalog.Commands.GroupBy(c => c.Module, StringComparer.Ordinal))
        {
            text.Append("**").Append(module.Key).AppendLine("**");
            foreach (var command in module)
            {
                var example = command.Subcommands.Count > 0
                    ? Usage.Example($"{command.Name} {command.Subcommands[0].Name}", command.Subcommands[0])
                    : Usage.Example(command.Name, command);
                text.Append("- `").Append(Usage.Synopsis(command.Name, command))
                    .Append(command.Subcommands.Count > 0 ? " " + string.Join('|', command.Subcommands.Select(s => s.Name)) : "")
                    .Append("` — ").Append(command.Description)
                    .Append(". e.g. `").Append(example).AppendLine("`");
            }

            text.AppendLine();
        }

        return new Reply
        {
            Title = "Commands",
            Text = text.ToString().TrimEnd(),
            Footer = "/help <command> explains one command and its options",
        };
    }

    private Reply Detail(string name)
    {
        var command = Catalog.Find(name)?.Spec;
        if (command is null)
        {
            var near = Catalog.Nearest(name);
            return Reply.Problem(near is null
                ? $"I don't know `/{name}`. Try /help"
                : $"I don't know `/{name}` — did you mean `/{near}`? Try /help");
        }

        var text = new StringBuilder(command.Description).AppendLine(".");
        if (command.Subcommands.Count == 0)
        {
            Describe(text, command.Name, command);
        }

        foreach (var sub in command.Subcommands)
        {
            text.AppendLine().Append("**/").Append(command.Name).Append(' ').Append(sub.Name).Append("** — ").AppendLine(sub.Description);
            Describe(text, $"{command.Name} {sub.Name}", sub);
        }

        return new Reply { Title = $"/{command.Name}", Text = text.ToString().TrimEnd(), Footer = $"module: {command.Module}" };
    }

    private static void Describe(StringBuilder text, string path, CommandSpec spec)
    {
        text.Append("Usage: `").Append(Usage.Synopsis(path, spec)).AppendLine("`");
        foreach (var option in spec.Options)
        {
            text.Append("- `").Append(option.Name).Append("` (").Append(Kind(option)).Append(option.Required ? ", required" : ", optional")
                .Append(") ").AppendLine(option.Description);
        }

        if (spec.Permission == Permission.Moderator)
        {
            text.AppendLine("Moderators only.");
        }

        text.Append("Example: `").Append(Usage.Example(path, spec)).AppendLine("`");
    }

    private static string Kind(OptionSpec option) => option.Kind switch
    {
        OptionKind.Integer when option.MinValue is { } min && option.MaxValue is { } max => $"number {min}-{max}",
        OptionKind.Integer => "number",
        OptionKind.Boolean => "true/false",
        OptionKind.Choice => "one of " + string.Join(", ", option.Choices),
        OptionKind.Channel => "a channel",
        _ => option.TakesRest ? "text, the rest of the line" : "text",
    };
}
