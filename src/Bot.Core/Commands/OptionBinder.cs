using System.Globalization;

namespace Bot.Core.Commands;

/// <summary>Turns text option values into typed ones and checks them against the declaration.</summary>
public static partial class OptionBinder
{
    /// <summary>Binds <paramref name="raw"/> to <paramref name="spec"/>'s options.</summary>
    /// <param name="path">The command as typed in messages, without slash (<c>quiz start</c>).</param>
    /// <param name="spec">The command or subcommand that takes the options.</param>
    /// <param name="raw">Option values as text, by name.</param>
    public static BindResult Bind(string path, CommandSpec spec, IReadOnlyDictionary<string, string> raw)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(raw);
        var typed = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, text) in raw)
        {
            var option = spec.FindOption(name);
            if (option is null)
            {
                var known = spec.Options.Select(o => o.Name).ToList();
                var takes = known.Count == 0 ? "it takes no options" : $"its options are {Usage.JoinAnd(known)}";
                return Fail($"`/{path}` has no option `{name}`; {takes}. Example: `{Usage.Example(path, spec)}`");
            }

            var (value, error) = Convert(option, text.Trim());
            if (error is not null)
            {
                return Fail(error);
            }

            if (value is not null)
            {
                typed[option.Name] = value;
            }
        }

        var required = spec.Options.Where(o => o.Required).Select(o => o.Name).ToList();
        if (required.Any(r => !typed.ContainsKey(r)))
        {
            return Fail($"`/{path}` needs {Usage.JoinAnd(required)}, e.g. `{Usage.Example(path, spec)}`");
        }

        return new BindResult(typed, null);
    }

    private static (object? Value, string? Error) Convert(OptionSpec option, string text)
    {
        if (text.Length == 0)
        {
            // An empty value counts as not given, so that a required option reports as missing.
            return (null, null);
        }

        switch (option.Kind)
        {
            case OptionKind.Integer:
                var range = (option.MinValue, option.MaxValue) switch
                {
                    ({ } min, { } max) => $" from {min} to {max}",
                    ({ } min, null) => $" of at least {min}",
                    (null, { } max) => $" of at most {max}",
                    _ => "",
                };
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    || number < (option.MinValue ?? long.MinValue) || number > (option.MaxValue ?? long.MaxValue))
                {
                    return (null, $"`{option.Name}` takes a whole number{range}; `{Clip(text)}` is not one.");
                }

                return (number, null);

            case OptionKind.Boolean:
                return text.ToLowerInvariant() switch
                {
                    "true" or "yes" or "on" or "1" => (true, null),
                    "false" or "no" or "off" or "0" => (false, null),
                    _ => (null, $"`{option.Name}` takes true or false; `{Clip(text)}` is neither."),
                };

            case OptionKind.Choice:
                var choice = option.Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                if (choice is null)
                {
                    var near = Suggest.Nearest(text, option.Choices);
                    var hint = near is null ? "" : $" Did you mean `{near}`?";
                    return (null, $"`{option.Name}` takes one of {string.Join(", ", option.Choices)}; `{Clip(text)}` is not one.{hint}");
                }

                return (choice, null);

            case OptionKind.Channel:
                // #news is a channel name; #room:server is a Matrix room alias and keeps its '#'.
                var trimmed = text.Trim();
                var channel = ChannelMention().Match(trimmed) is { Success: true } mention ? mention.Groups[1].Value
                    : trimmed.Contains(':', StringComparison.Ordinal) ? trimmed : trimmed.TrimStart('#');
                return channel.Length is > 0 and <= 200 && !channel.Any(char.IsWhiteSpace)
                    ? (channel, null)
                    : (null, $"`{option.Name}` takes a channel, e.g. `#news`; `{Clip(text)}` is not one.");

            default:
                if (text.Length > option.MaxLength)
                {
                    return (null, $"`{option.Name}` takes at most {option.MaxLength:N0} characters; this one has {text.Length:N0}.");
                }

                return (text, null);
        }
    }

    private static string Clip(string text) => text.Length <= 40 ? text.Replace('`', '\'') : text[..40].Replace('`', '\'') + "…";

    private static BindResult Fail(string message) => new(null, message);

    /// <summary>Discord's channel mention, <c>&lt;#1234&gt;</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^<#([0-9]{1,20})>$")]
    private static partial System.Text.RegularExpressions.Regex ChannelMention();
}
