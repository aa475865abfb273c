using System.Text.Json.Nodes;

namespace Bot.Matrix.Tests.Support;

/// <summary>
/// Mutates real event JSON, reproducibly (a seeded Random): a field's kind swapped among string, number,
/// bool, array, object and null, a field removed, a 100 KB string, 200 levels of nesting, an unknown
/// event type, a repeated key. No mutation writes a string starting with '!', so no mutant is a command.
/// </summary>
internal sealed class EventFuzzer(int seed)
{
    /// <summary>Deep enough to break a reader with System.Text.Json's default depth of 64.</summary>
    private const int DeepNesting = 200;

    private const int LongStringLength = 100 * 1024;

    /// <summary>
    /// The samples. The message and the invite are the examples of GET /sync in the spec's
    /// api/sync.yaml (the invite addressed to the bot); the reaction and the power levels are built from
    /// the examples and fields of event-schemas/m.reaction.yaml and m.room.power_levels.yaml.
    /// </summary>
    public static readonly string[] Samples =
    [
        """
        {"content": {"body": "This is an example text message", "format": "org.matrix.custom.html",
          "formatted_body": "<b>This is an example text message</b>", "msgtype": "m.text"},
         "event_id": "$143273582443PhrSn:example.org", "origin_server_ts": 1432735824653,
         "sender": "@example:example.org", "type": "m.room.message", "unsigned": {"age": 1234, "membership": "join"}}
        """,
        """
        {"content": {"m.relates_to": {"rel_type": "m.annotation", "event_id": "$some_event_id", "key": "👍"}},
         "event_id": "$reaction:example.org", "origin_server_ts": 1432735824653,
         "sender": "@example:example.org", "type": "m.reaction"}
        """,
        """
        {"sender": "@alice:test.org", "type": "m.room.member", "state_key": "@bot:test.org", "content": {"membership": "invite"}}
        """,
        """
        {"content": {"ban": 50, "events": {"m.room.name": 100, "m.room.power_levels": 100}, "events_default": 0,
          "invite": 50, "kick": 50, "notifications": {"room": 20}, "redact": 50, "state_default": 50,
          "users": {"@example:localhost": 100}, "users_default": 0},
         "event_id": "$143273582443PhrSn:example.org", "origin_server_ts": 1432735824653,
         "sender": "@example:example.org", "state_key": "", "type": "m.room.power_levels"}
        """,
    ];

    private static readonly string[] Strings = ["", "m.notice", "m.text", "m.annotation", "🇦", "$sent1", FakeHomeserver.BotId, "@alice:test.org", "\u0000", "org.example.unknown"];

    private readonly Random _random = new(seed);

    /// <summary>Which sample the last <see cref="Next"/> mutated (2 is the invite).</summary>
    public int LastSample { get; private set; }

    /// <summary>A mutant of a random sample, with a unique event id before it is mutated (so it is not deduplicated away).</summary>
    public JsonObject Next(int number)
    {
        LastSample = _random.Next(Samples.Length);
        var ev = (JsonObject)JsonNode.Parse(Samples[LastSample])!;
        ev["event_id"] = $"$fuzz{number}:test.org";
        var mutations = 1 + _random.Next(3);
        for (var i = 0; i < mutations; i++)
        {
            Mutate(ev);
        }

        return ev;
    }

    private void Mutate(JsonObject ev)
    {
        switch (_random.Next(20))
        {
            case 0 or 1:
                ev["type"] = "org.example.fuzz.unknown";
                return;
            case 2:
                ev[FakeHomeserver.RepeatedKeyMarker] = 0;
                return;
        }

        // Any field at any depth, the event's own fields included.
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(ev, slots);
        var (parent, key, index) = slots[_random.Next(slots.Count)];
        var removal = _random.Next(6) == 0;
        if (parent is JsonObject obj)
        {
            if (removal)
            {
                obj.Remove(key!);
            }
            else
            {
                obj[key!] = Value();
            }
        }
        else if (parent is JsonArray array)
        {
            if (removal)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = Value();
            }
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                slots.Add((obj, key, -1));
                if (child is not null)
                {
                    Collect(child, slots);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                slots.Add((array, null, i));
                if (array[i] is { } child)
                {
                    Collect(child, slots);
                }
            }
        }
    }

    /// <summary>A value of a random kind.</summary>
    private JsonNode? Value() => _random.Next(12) switch
    {
        0 => null,
        1 => _random.Next(2) == 0,
        2 => _random.Next(-1000, 1000),
        3 => 1e300,
        4 => 0.5,
        5 => new JsonArray(Value(), Value()),
        6 => new JsonObject { ["a"] = Value(), ["event_id"] = "$sent1" },
        7 => new string('a', LongStringLength),
        8 => Deep(),
        9 => long.MaxValue,
        _ => Strings[_random.Next(Strings.Length)],
    };

    private JsonNode Deep()
    {
        JsonNode node = "bottom";
        for (var i = 0; i < DeepNesting; i++)
        {
            node = _random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        }

        return node;
    }

    /// <summary>A room entry of the wrong shape, for the sections of a sync batch.</summary>
    public JsonNode? BadRoom() => _random.Next(7) switch
    {
        0 => null,
        1 => 42,
        2 => new JsonArray(1, 2),
        3 => new JsonObject { ["timeline"] = "not an object" },
        4 => new JsonObject { ["timeline"] = new JsonObject { ["events"] = new JsonObject { ["0"] = 1 } } },
        5 => new JsonObject { [FakeHomeserver.RepeatedKeyMarker] = 0, ["timeline"] = new JsonObject() },
        _ => new JsonObject { ["invite_state"] = new JsonObject { ["events"] = new JsonArray(null, 7, "x") } },
    };
}
