using System.Text.Json.Nodes;
using Bot.Core.Commands;
using Bot.Core.Replies;

namespace Bot.Discord.Interactions;

/// <summary>
/// A reply as a Discord message: an embed (title, description, fields, footer) and button rows,
/// within Discord's limits (content 2,000; description 4,096; 25 fields; 6,000 per embed; custom_id
/// 100), cut with a visible "…" where needed; never a ping (allowed_mentions parse empty).
/// </summary>
internal static class DiscordRenderer
{
    public static JsonObject Message(Reply reply)
    {
        var embed = new JsonObject();
        var budget = 6000;
        if (reply.Title is { Length: > 0 } title)
        {
            embed["title"] = Cut(title, Math.Min(256, budget));
            budget -= ((string)embed["title"]!).Length;
        }

        if (reply.Link is { } link)
        {
            embed["url"] = link.Url.ToString();
        }

        if (reply.Text.Length > 0)
        {
            embed["description"] = Cut(reply.Text, Math.Min(4096, budget - 100));
            budget -= ((string)embed["description"]!).Length;
        }

        var fields = new JsonArray();
        foreach (var field in reply.Fields.Take(25))
        {
            var name = Cut(field.Name, 256);
            var value = Cut(field.Value, Math.Min(1024, Math.Max(1, budget - name.Length - 100)));
            if (budget - name.Length - value.Length < 100)
            {
                break;
            }

            budget -= name.Length + value.Length;
            fields.Add(new JsonObject { ["name"] = name, ["value"] = value, ["inline"] = field.Inline });
        }

        if (fields.Count > 0)
        {
            embed["fields"] = fields;
        }

        if (reply.Footer is { Length: > 0 } footer)
        {
            embed["footer"] = new JsonObject { ["text"] = Cut(footer, Math.Min(2048, Math.Max(1, budget))) };
        }

        embed["color"] = reply.Tone switch
        {
            Tone.Problem => 0xE8A33D,
            Tone.Failure => 0xD9534F,
            Tone.Success => 0x3BA55D,
            _ => 0x0F4C81,
        };
        var message = new JsonObject
        {
            ["embeds"] = new JsonArray(embed),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
        if (reply.Buttons.Count > 0)
        {
            var rows = new JsonArray();
            foreach (var chunk in reply.Buttons.Take(25).Chunk(5))
            {
                rows.Add(new JsonObject
                {
                    ["type"] = (int)ComponentType.ActionRow,
                    ["components"] = new JsonArray([.. chunk.Select(b => (JsonNode)new JsonObject
                    {
                        ["type"] = (int)ComponentType.Button,
                        ["style"] = (int)ButtonStyle.Primary,
                        ["label"] = Cut(b.Label, 80),
                        ["custom_id"] = b.Id.Length <= ButtonId.MaxLength ? b.Id : b.Id[..ButtonId.MaxLength],
                    })]),
                });
            }

            message["components"] = rows;
        }

        if (reply.Ephemeral)
        {
            message["flags"] = (int)MessageFlags.Ephemeral;
        }

        return message;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..Math.Max(0, max - 1)] + "…";
}
