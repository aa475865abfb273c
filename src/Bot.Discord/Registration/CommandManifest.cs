using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Commands;

namespace Bot.Discord.Registration;

/// <summary>
/// The catalog as Discord application commands (type 1, CHAT_INPUT): options with Discord's option
/// types, choices, bounds and autocomplete; subcommands as options of type 1; moderator commands
/// with default_member_permissions Manage Guild, which hides them from others in the picker (the
/// router still checks every call). The catalog has already checked Discord's naming rules.
/// </summary>
internal static class CommandManifest
{
    /// <summary>Manage Guild, as Discord's permission bit string.</summary>
    public const string ManageGuild = "32";

    /// <summary>Discord's limits on a registration that the catalog's own checks do not cover.</summary>
    public const int MaxCommands = 100;

    public const int MaxCharactersPerCommand = 8000;

    public static JsonArray Build(IEnumerable<CommandSpec> commands)
    {
        var list = commands.ToList();
        if (list.Count > MaxCommands)
        {
            throw new InvalidOperationException($"Discord allows {MaxCommands} slash commands; the catalog has {list.Count}.");
        }

        foreach (var spec in list)
        {
            // Discord counts the names, descriptions and choice values of a command and its options together.
            var size = Characters(spec);
            if (size > MaxCharactersPerCommand)
            {
                throw new InvalidOperationException($"/{spec.Name} has {size} characters of names, descriptions and choices; Discord allows {MaxCharactersPerCommand}.");
            }
        }

        return new([.. list.Select(Command)]);
    }

    private static int Characters(CommandSpec spec) =>
        spec.Name.Length + spec.Description.Length
        + spec.Options.Sum(o => o.Name.Length + o.Description.Length + o.Choices.Sum(c => c.Length * 2))
        + spec.Subcommands.Sum(Characters);

    /// <summary>A short, stable fingerprint of what would be registered; a change means register again.</summary>
    public static string Hash(JsonArray manifest) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToJsonString())))[..16];

    private static JsonNode Command(CommandSpec spec)
    {
        var command = new JsonObject
        {
            ["name"] = spec.Name,
            ["type"] = (int)ApplicationCommandType.ChatInput,
            ["description"] = spec.Description,
            ["options"] = Options(spec),
        };
        if (spec.Permission == Permission.Moderator)
        {
            command["default_member_permissions"] = ManageGuild;
        }

        return command;
    }

    private static JsonArray Options(CommandSpec spec)
    {
        if (spec.Subcommands.Count > 0)
        {
            return new([.. spec.Subcommands.Select(s => (JsonNode)new JsonObject
            {
                ["type"] = (int)ApplicationCommandOptionType.SubCommand,
                ["name"] = s.Name,
                ["description"] = s.Description,
                ["options"] = Options(s),
            })]);
        }

        return new([.. spec.Options.Select(Option)]);
    }

    private static JsonNode Option(OptionSpec option)
    {
        var node = new JsonObject
        {
            ["type"] = (int)(option.Kind switch
            {
                OptionKind.Integer => ApplicationCommandOptionType.Integer,
                OptionKind.Boolean => ApplicationCommandOptionType.Boolean,
                OptionKind.Channel => ApplicationCommandOptionType.Channel,
                _ => ApplicationCommandOptionType.String,
            }),
            ["name"] = option.Name,
            ["description"] = option.Description,
            ["required"] = option.Required,
        };
        if (option.Kind == OptionKind.Channel)
        {
            // Text and announcement channels: the ones the bot can post into.
            node["channel_types"] = new JsonArray((int)ChannelType.GuildText, (int)ChannelType.GuildAnnouncement);
        }
        else if (option.Kind == OptionKind.Choice)
        {
            node["choices"] = new JsonArray([.. option.Choices.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["value"] = c })]);
        }
        else if (option.Autocomplete && option.Kind == OptionKind.Text)
        {
            node["autocomplete"] = true;
        }

        if (option.Kind == OptionKind.Integer)
        {
            if (option.MinValue is { } min)
            {
                node["min_value"] = min;
            }

            if (option.MaxValue is { } max)
            {
                node["max_value"] = max;
            }
        }
        else if (option.Kind is OptionKind.Text)
        {
            // Discord's string options hold at most 6,000 characters.
            node["max_length"] = Math.Clamp(option.MaxLength, 1, 6000);
        }

        return node;
    }
}
