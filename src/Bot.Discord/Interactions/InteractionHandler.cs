using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Chat;
using Bot.Core.Commands;

namespace Bot.Discord.Interactions;

/// <summary>
/// One HTTP interaction, from raw request to response: signature first (401 on any doubt), a body
/// limit (413), then PING → PONG, commands and button presses through the router, autocomplete
/// choices; malformed JSON and unknown types get 400, never a 500.
/// </summary>
internal sealed class InteractionHandler(SignatureVerifier verifier, CommandRouter router)
{
    public const int MaxBody = 64 * 1024;

    /// <summary>Manage Guild (0x20) or Administrator (0x8) make a moderator.</summary>
    private const ulong ModeratorBits = 0x20 | 0x8;

    public async Task<InteractionResult> HandleAsync(string? signature, string? timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (body.Length > MaxBody)
        {
            return InteractionResult.Error(413, "body too large");
        }

        if (verifier.Check(signature, timestamp, body.Span) is not null)
        {
            return InteractionResult.Error(401, "invalid request signature");
        }

        JsonNode? interaction;
        try
        {
            interaction = JsonNode.Parse(body.Span);
        }
        catch (JsonException)
        {
            return InteractionResult.Error(400, "malformed JSON");
        }

        var type = interaction?["type"]?.GetValueKind() == JsonValueKind.Number ? (int)interaction["type"]! : -1;
        switch (type)
        {
            case 1:
                return new InteractionResult(200, """{"type":1}""");
            case 2:
                {
                    var (request, error) = Request(interaction!);
                    if (request is null)
                    {
                        return InteractionResult.Error(400, error!);
                    }

                    var reply = await router.RouteAsync(request, cancellationToken).ConfigureAwait(false);
                    return Respond(4, DiscordRenderer.Message(reply));
                }

            case 3:
                {
                    var (caller, place) = Who(interaction!);
                    var id = (string?)interaction!["data"]?["custom_id"];
                    if (id is null || caller is null)
                    {
                        return InteractionResult.Error(400, "component without custom_id or user");
                    }

                    var reply = await router.PressAsync(id, caller, place, cancellationToken).ConfigureAwait(false);
                    return Respond(4, DiscordRenderer.Message(reply));
                }

            case 4:
                {
                    var data = interaction!["data"];
                    var (subcommand, options) = Options(data);
                    var focused = options?.FirstOrDefault(o => (bool?)o?["focused"] == true);
                    var found = focused is null ? [] : await router.CompleteAsync((string?)data?["name"] ?? "", subcommand, (string?)focused["name"] ?? "", Text(focused["value"]), cancellationToken).ConfigureAwait(false);
                    var choices = new JsonArray([.. found.Select(f => (JsonNode)new JsonObject { ["name"] = f.Length > 100 ? f[..100] : f, ["value"] = f.Length > 100 ? f[..100] : f })]);
                    return Respond(8, new JsonObject { ["choices"] = choices });
                }

            default:
                return InteractionResult.Error(400, $"unknown interaction type {type}");
        }
    }

    private static InteractionResult Respond(int type, JsonObject data) =>
        new(200, new JsonObject { ["type"] = type, ["data"] = data }.ToJsonString());

    private static (CommandRequest? Request, string? Error) Request(JsonNode interaction)
    {
        var (caller, place) = Who(interaction);
        var data = interaction["data"];
        var name = (string?)data?["name"];
        if (caller is null || name is null)
        {
            return (null, "command without name or user");
        }

        var (subcommand, options) = Options(data);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in options ?? [])
        {
            if ((string?)option?["name"] is { } key)
            {
                values[key] = Text(option["value"]);
            }
        }

        return (new CommandRequest(name, caller, place) { Subcommand = subcommand, Options = values, Locale = (string?)interaction["locale"] ?? "en" }, null);
    }

    /// <summary>A subcommand (option type 1) carries the real options one level down.</summary>
    private static (string? Subcommand, JsonArray? Options) Options(JsonNode? data)
    {
        var options = data?["options"] as JsonArray;
        if (options is [JsonObject first] && (int?)first["type"] == 1)
        {
            return ((string?)first["name"], first["options"] as JsonArray ?? []);
        }

        return (null, options);
    }

    private static (Caller? Caller, ChatAddress Place) Who(JsonNode interaction)
    {
        var member = interaction["member"];
        var user = member?["user"] ?? interaction["user"];
        var place = new ChatAddress("discord", (string?)interaction["guild_id"] ?? "dm", (string?)interaction["channel_id"] ?? "");
        if ((string?)user?["id"] is not { } id)
        {
            return (null, place);
        }

        var permissions = ulong.TryParse((string?)member?["permissions"], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0;
        var name = (string?)member?["nick"] ?? (string?)user["global_name"] ?? (string?)user["username"] ?? id;
        return (new Caller(id, name, (permissions & ModeratorBits) != 0), place);
    }

    private static string Text(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => (string)value!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value!.ToJsonString(),
        _ => "",
    };
}
