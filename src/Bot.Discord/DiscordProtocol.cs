namespace Bot.Discord;

// Discord's numbers, named as its API reference names them (API v10), so that the code reads as the
// protocol does: ../specs/discord in the project's shared specs, or discord.com/developers/docs.

/// <summary>Gateway opcodes (Topics → Opcodes and Status Codes).</summary>
internal enum GatewayOpCode
{
    Dispatch = 0,
    Heartbeat = 1,
    Identify = 2,
    Resume = 6,
    Reconnect = 7,
    InvalidSession = 9,
    Hello = 10,
    HeartbeatAck = 11,
}

/// <summary>Close codes: the gateway's (4xxx) and the two WebSocket codes the bot sends.</summary>
internal enum GatewayCloseCode
{
    /// <summary>WebSocket normal closure: Discord ends the session, and the bot shows offline at once.</summary>
    Normal = 1000,

    /// <summary>Any other code keeps the session resumable; 4000 is the gateway's "unknown error".</summary>
    Resumable = 4000,
    AuthenticationFailed = 4004,
    InvalidSequence = 4007,
    SessionTimedOut = 4009,
    InvalidShard = 4010,
    ShardingRequired = 4011,
    InvalidApiVersion = 4012,
    InvalidIntents = 4013,
    DisallowedIntents = 4014,
}

/// <summary>What an interaction is (Interactions → Receiving and Responding).</summary>
internal enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
}

/// <summary>How the bot answers an interaction.</summary>
internal enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    ApplicationCommandAutocompleteResult = 8,
}

/// <summary>Application command types; the bot registers only slash commands.</summary>
internal enum ApplicationCommandType
{
    ChatInput = 1,
}

/// <summary>Application command option types.</summary>
internal enum ApplicationCommandOptionType
{
    SubCommand = 1,
    String = 3,
    Integer = 4,
    Boolean = 5,
    Channel = 7,
}

/// <summary>Channel types the bot can post into.</summary>
internal enum ChannelType
{
    GuildText = 0,
    GuildAnnouncement = 5,
}

/// <summary>Message component types and the one button style the bot uses.</summary>
internal enum ComponentType
{
    ActionRow = 1,
    Button = 2,
}

internal enum ButtonStyle
{
    Primary = 1,
}

/// <summary>Message flags.</summary>
[Flags]
internal enum MessageFlags
{
    None = 0,

    /// <summary>Only the person who used the command sees the message.</summary>
    Ephemeral = 1 << 6,
}
