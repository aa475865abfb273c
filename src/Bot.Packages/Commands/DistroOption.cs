using Bot.Core.Commands;

namespace Bot.Packages.Commands;

/// <summary>The distro option, offered as choices of the configured distros.</summary>
internal static class DistroOption
{
    public static OptionSpec Create(string name, string description, bool required, IReadOnlyList<string> distros) =>
        distros.Count is > 0 and <= 25
            ? new OptionSpec(name, OptionKind.Choice, description, required) { Choices = distros }
            : new OptionSpec(name, OptionKind.Text, description, required) { MaxLength = 32 };
}
