using Bot.Core.Chat;
using Bot.Core.Commands;

namespace Bot.Core.Text;

/// <summary>
/// Parses typed commands for the console and Matrix: <c>/name</c> or <c>!name</c>, a subcommand
/// word, <c>name:value</c> options (quoted values keep spaces), and unnamed words that fill the
/// options in declared order, except that an option with <see cref="OptionSpec.TakesRest"/> takes
/// every remaining unnamed word (<c>/ask what is ABI?</c>).
/// </summary>
public sealed class TextCommandParser(CommandCatalog catalog, string prefixes = "/!")
{
    /// <summary>Parses one sanitised line.</summary>
    public ParsedLine Parse(string line, Caller caller, ChatAddress place)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length < 2 || !prefixes.Contains(line[0], StringComparison.Ordinal) || char.IsWhiteSpace(line[1]))
        {
            return ParsedLine.NotACommand;
        }

        var (tokens, error) = Tokenizer.Split(line[1..]);
        if (error is not null)
        {
            return new ParsedLine(null, error);
        }

        var name = tokens[0].Value;
        var request = new CommandRequest(name, caller, place);
        var handler = catalog.Find(name);
        if (handler is null)
        {
            // The router answers unknown commands with a suggestion; nothing more to parse.
            return new ParsedLine(request, null);
        }

        var spec = handler.Spec;
        name = spec.Name;
        request = request with { Command = name };
        var rest = tokens.Skip(1).ToList();
        if (spec.Subcommands.Count > 0)
        {
            if (rest.Count == 0)
            {
                return new ParsedLine(request, null);
            }

            request = request with { Subcommand = rest[0].Value };
            spec = spec.FindSubcommand(rest[0].Value);
            rest.RemoveAt(0);
            if (spec is null)
            {
                return new ParsedLine(request, null);
            }
        }

        var path = request.Subcommand is null ? name : $"{name} {request.Subcommand}";
        var (options, bindError) = Assign(path, spec, rest);
        return bindError is not null
            ? new ParsedLine(null, bindError)
            : new ParsedLine(request with { Options = options }, null);
    }

    private static (Dictionary<string, string> Options, string? Error) Assign(string path, CommandSpec spec, List<Token> words)
    {
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unnamed = new List<string>();
        foreach (var word in words)
        {
            var colon = word.Value.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 && !word.Quoted ? word.Value[..colon] : null;
            if (key is not null && spec.FindOption(key) is { } option)
            {
                if (!named.TryAdd(option.Name, word.Value[(colon + 1)..]))
                {
                    return (named, $"`{option.Name}` is given twice. Example: `{Usage.Example(path, spec)}`");
                }
            }
            else
            {
                unnamed.Add(word.Value);
            }
        }

        var slots = spec.Options.Where(o => !named.ContainsKey(o.Name)).ToList();
        var next = 0;
        foreach (var slot in slots)
        {
            if (next >= unnamed.Count)
            {
                break;
            }

            if (slot.TakesRest)
            {
                named[slot.Name] = string.Join(' ', unnamed.Skip(next));
                next = unnamed.Count;
                break;
            }

            named[slot.Name] = unnamed[next++];
        }

        if (next < unnamed.Count)
        {
            var extra = string.Join(' ', unnamed.Skip(next));
            if (extra.Length > 40)
            {
                extra = extra[..40] + "…";
            }

            var takes = spec.Options.Count == 0
                ? "takes nothing after its name"
                : $"takes {Usage.JoinAnd([.. spec.Options.Select(o => o.Name)])}";
            return (named, $"`/{path}` {takes}; I don't know what to do with `{extra.Replace('`', '\'')}`. Example: `{Usage.Example(path, spec)}`");
        }

        return (named, null);
    }
}
