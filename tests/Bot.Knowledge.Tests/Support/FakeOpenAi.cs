using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Knowledge.Tests.Support;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on 127.0.0.1, so that the real Semantic Kernel
/// connector is tested over real HTTP. Each test decides the model's behaviour.
/// </summary>
internal sealed class FakeOpenAi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAi(WebApplication app) => _app = app;

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>What the fake model does with a request: the reply text, or null to answer 500.</summary>
    public Func<JsonNode, CancellationToken, Task<string?>> Behaviour { get; set; } = (_, _) => Task.FromResult<string?>("NOT_COVERED");

    public Uri Endpoint => new(_app.BaseUrl() + "v1");

    public static async Task<FakeOpenAi> StartAsync()
    {
        var app = LoopbackServer.Create();
        var fake = new FakeOpenAi(app);
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            var request = (await JsonNode.ParseAsync(http.Request.Body))!;
            fake.Requests.Enqueue(request);
            var content = await fake.Behaviour(request, http.RequestAborted);
            if (content is null)
            {
                return Results.Json(new { error = new { message = "model crashed", type = "server_error" } }, statusCode: 500);
            }

            if (content.StartsWith("CALL ", StringComparison.Ordinal))
            {
                // "CALL plugin-function {json arguments}": the model asks for a function call.
                var parts = content[5..].Split(' ', 2);
                return Results.Json(new
                {
                    id = "chatcmpl-tool",
                    @object = "chat.completion",
                    created = 1_700_000_000,
                    model = (string?)request["model"] ?? "test",
                    choices = new[]
                    {
                        new
                        {
                            index = 0,
                            message = new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = parts[0], arguments = parts[1] } } } },
                            finish_reason = "tool_calls",
                        },
                    },
                    usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
                });
            }

            return Results.Json(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = (string?)request["model"] ?? "test",
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            });
        });
        await app.StartAsync();
        return fake;
    }

    public static string SystemMessage(JsonNode request) => (string)request["messages"]![0]!["content"]!;

    public static string UserMessage(JsonNode request) => (string)request["messages"]![1]!["content"]!;

    public ValueTask DisposeAsync() => _app.StopAndDisposeAsync();
}
