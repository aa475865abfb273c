namespace Bot.Discord.Interactions;

/// <summary>The HTTP answer to one interaction request: a status and a JSON body.</summary>
internal sealed record InteractionResult(int Status, string Body)
{
    public static InteractionResult Error(int status, string message) =>
        new(status, new System.Text.Json.Nodes.JsonObject { ["error"] = message }.ToJsonString());
}
