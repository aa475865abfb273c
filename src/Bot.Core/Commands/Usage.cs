using System.Text;

namespace Bot.Core.Commands;

/// <summary>How to type a command, derived from its declaration; used by help and error messages.</summary>
public static class Usage
{
    /// <summary><c>/compare name from to [distro]</c>-style synopsis.</summary>
    public static string Synopsis(string path, CommandSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = new StringBuilder("/").Append(path);
        foreach (var option in spec.Options)
        {
            text.Append(' ').Append(option.Required ? option.Name : $"[{option.Name}]");
        }

        return text.ToString();
    }

    /// <summary>The declared example, or one made from the required options.</summary>
    public static string Example(string path, CommandSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Example is { } example)
        {
            return example;
        }

        var text = new StringBuilder("/").Append(path);
        foreach (var option in spec.Options.Where(o => o.Required))
        {
            var sample = option.Kind switch
            {
                OptionKind.Integer => (option.MinValue ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                OptionKind.Boolean => "true",
                OptionKind.Choice => option.Choices[0],
                OptionKind.Channel => "#news",
                _ => $"<{option.Name}>",
            };
            text.Append(' ').Append(option.Name).Append(':').Append(sample);
        }

        return text.ToString();
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string JoinAnd(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count switch
        {
            0 => "",
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
        };
    }
}
