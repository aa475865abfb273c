using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bot.Discord.Tests.Specs;

/// <summary>The named numbers in DiscordProtocol.cs are the ones Discord's OpenAPI spec gives those names.</summary>
public sealed partial class ProtocolValuesTests
{
    private static readonly Lazy<JsonObject> Schemas = new(() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "openapi.json")))!["components"]!["schemas"]!);

    public static TheoryData<Type, string> Enums => new()
    {
        { typeof(InteractionType), "InteractionTypes" },
        { typeof(InteractionCallbackType), "InteractionCallbackTypes" },
        { typeof(ApplicationCommandType), "ApplicationCommandType" },
        { typeof(ApplicationCommandOptionType), "ApplicationCommandOptionType" },
        { typeof(ChannelType), "ChannelTypes" },
        { typeof(ComponentType), "MessageComponentTypes" },
        { typeof(ButtonStyle), "ButtonStyleTypes" },
    };

    [Theory]
    [MemberData(nameof(Enums))]
    public void EveryNamedValue_IsTheSpecsValueOfThatName(Type values, string schema)
    {
        var spec = ((JsonArray)Schemas.Value[schema]!["oneOf"]!).ToDictionary(o => (string)o!["title"]!, o => (int)o!["const"]!);
        foreach (var name in Enum.GetNames(values))
        {
            // The spec calls a slash command CHAT where the docs say CHAT_INPUT.
            var title = name == nameof(ApplicationCommandType.ChatInput) ? "CHAT" : UpperSnake(name);
            Assert.True(spec.TryGetValue(title, out var value), $"{values.Name}.{name}: no {title} in {schema}");
            Assert.Equal(value, (int)Enum.Parse(values, name));
        }
    }

    private static string UpperSnake(string name) => WordStart().Replace(name, "_$1").ToUpperInvariant();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex WordStart();
}
