using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Web;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Interactions;

/// <summary>
/// Turns one interaction (from the gateway or from an HTTP request) into its first response:
/// commands and button presses go through the router; when the handler is not done within the
/// inline window (Discord allows 3 s in all), the first response is a deferral (type 5) and the
/// reply follows as an edit of the original response, once the deferral is on its way.
/// </summary>
internal sealed partial class InteractionDispatcher(
    CommandRouter router,
    Func<string, JsonObject, CancellationToken, Task> editOriginal,
    TimeSpan inlineWindow,
    TimeProvider time,
    ILogger<InteractionDispatcher> logger)
{
    /// <summary>Manage Guild (0x20) or Administrator (0x8) make a moderator.</summary>
    private const ulong ModeratorBits = 0x20 | 0x8;

    public async Task<WebhookAnswer> RespondAsync(JsonNode? interaction, CancellationToken cancellationToken)
    {
        var type = interaction?["type"]?.GetValueKind() == JsonValueKind.Number && interaction["type"]!.AsValue().TryGetValue<int>(out var t) ? t : -1;
        switch ((InteractionType)type)
        {
            case InteractionType.Ping:
                return Respond(InteractionCallbackType.Pong);
            case InteractionType.ApplicationCommand:
                {
                    var (request, error) = Request(interaction!);
                    return request is null
                        ? Error(400, error!)
                        : await WithinWindowAsync(interaction!, router.RouteAsync(request, CancellationToken.None).AsTask(), cancellationToken).ConfigureAwait(false);
                }

            case InteractionType.MessageComponent:
                {
                    var (caller, place) = Who(interaction!);
                    var id = (string?)interaction!["data"]?["custom_id"];
                    return id is null || caller is null
                        ? Error(400, "component without custom_id or user")
                        : await WithinWindowAsync(interaction, router.PressAsync(id, caller, place, CancellationToken.None).AsTask(), cancellationToken).ConfigureAwait(false);
                }

            case InteractionType.ApplicationCommandAutocomplete:
                {
                    var data = interaction!["data"];
                    var (subcommand, options) = Options(data);
                    var focused = options?.FirstOrDefault(o => (bool?)o?["focused"] == true);
                    var found = focused is null ? [] : await router.CompleteAsync((string?)data?["name"] ?? "", subcommand, (string?)focused["name"] ?? "", Text(focused["value"]), cancellationToken).ConfigureAwait(false);
                    var choices = new JsonArray([.. found.Take(25).Select(f => (JsonNode)new JsonObject { ["name"] = Cut(f), ["value"] = Cut(f) })]);
                    return Respond(InteractionCallbackType.ApplicationCommandAutocompleteResult, new JsonObject { ["choices"] = choices });
                }

            default:
                return Error(400, $"unknown interaction type {type}");
        }
    }

    public static WebhookAnswer Error(int status, string message) =>
        new(status, new JsonObject { ["error"] = message }.ToJsonString());

    private async Task<WebhookAnswer> WithinWindowAsync(JsonNode interaction, Task<Core.Replies.Reply> work, CancellationToken cancellationToken)
    {
        // The handler runs on regardless of the request: a deferred reply still needs it.
        var window = Task.Delay(inlineWindow, time, cancellationToken);
        if (await Task.WhenAny(work, window).ConfigureAwait(false) == work)
        {
            return Respond(InteractionCallbackType.ChannelMessageWithSource, DiscordRenderer.Message(await work.ConfigureAwait(false)));
        }

        var token = (string?)interaction["token"] ?? "";
        LogDeferred(logger, (string?)interaction["data"]?["name"] ?? (string?)interaction["data"]?["custom_id"] ?? "?");
        return Respond(InteractionCallbackType.DeferredChannelMessageWithSource) with
        {
            After = async ct =>
            {
                var reply = await work.ConfigureAwait(false);
                await editOriginal(token, DiscordRenderer.Message(reply), ct).ConfigureAwait(false);
            },
        };
    }

    private static WebhookAnswer Respond(InteractionCallbackType type, JsonObject? data = null) =>
        new(200, (data is null ? new JsonObject { ["type"] = (int)type } : new JsonObject { ["type"] = (int)type, ["data"] = data }).ToJsonString());

    private static string Cut(string text) => text.Length > 100 ? text[..100] : text;

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
        if (options is [JsonObject first] && (int?)first["type"] == (int)ApplicationCommandOptionType.SubCommand)
        {
            return ((string?)first["name"], first["options"] as JsonArray ?? []);
        }

        return (null, options);
    }

    private static (Caller? Caller, ChatAddress Place) Who(JsonNode interaction)
    {
        var member = interaction["member"];
        var user = member?["user"] ?? interaction["user"];
        var place = new ChatAddress(PlatformNames.Discord, (string?)interaction["guild_id"] ?? "dm", (string?)interaction["channel_id"] ?? "");
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interaction {Name} deferred: the handler needs more than the inline window")]
    private static partial void LogDeferred(ILogger logger, string name);
}
