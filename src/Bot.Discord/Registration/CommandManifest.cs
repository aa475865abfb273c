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

    public static JsonArray Build(IEnumerable<CommandSpec> commands) =>
        new([.. commands.Select(Command)]);

    /// <summary>A short, stable fingerprint of what would be registered; a change means register again.</summary>
    public static string Hash(JsonArray manifest) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToJsonString())))[..16];

    private static JsonNode Command(CommandSpec spec)
    {
        var command = new JsonObject
        {
            ["name"] = spec.Name,
            ["type"] = 1,
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
                ["type"] = 1,
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
            ["type"] = option.Kind switch
            {
                OptionKind.Integer => 4,
                OptionKind.Boolean => 5,
                _ => 3,
            },
            ["name"] = option.Name,
            ["description"] = option.Description,
            ["required"] = option.Required,
        };
        if (option.Kind == OptionKind.Choice)
        {
            node["choices"] = new JsonArray([.. option.Choices.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["value"] = c })]);
        }
        else if (option.Autocomplete && option.Kind is OptionKind.Text or OptionKind.Integer)
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
