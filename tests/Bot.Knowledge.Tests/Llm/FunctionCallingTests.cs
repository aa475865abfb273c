using System.ComponentModel;
using System.Text.Json.Nodes;
using Bot.Core.Assistant;
using Bot.Knowledge.Answers;
using Bot.Knowledge.Llm;
using Bot.Knowledge.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Bot.Knowledge.Tests.Llm;

/// <summary>/ask with a model that calls another module's functions (as the Packages module offers them) over real HTTP.</summary>
[Collection(ShippedKnowledgeCollection.Name)]
public sealed class FunctionCallingTests(ShippedKnowledge knowledge) : IAsyncLifetime
{
    private FakeOpenAi _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAi.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>A module's functions with fixed data; the plugin boundary is ours.</summary>
    private sealed class VersionsPlugin : IAssistantPlugin
    {
        public string Name => "packages";

        public object Functions => this;

        public string CitationId => "packages";

        public List<string> Calls { get; } = [];

        [KernelFunction("compare_package")]
        [Description("Compares a package between two distros.")]
        public string Compare(string name, string from, string to)
        {
            Calls.Add($"{name} {from} {to}");
            return """{"name":"openssl","from":{"distro":"alma9","evr":"3.0.7-27.el9.alma.1"},"to":{"distro":"rocky9","evr":"3.0.7-28.el9_4"},"newer":"to"}""";
        }
    }

    private AskService Ask(VersionsPlugin plugin)
    {
        var options = Options.Create(new KnowledgeOptions
        {
            CorpusDirectory = RepoPaths.FaqDirectory,
            Llm = new LlmOptions { Endpoint = _server.Endpoint, Model = "test-model", Timeout = TimeSpan.FromSeconds(8) },
        });
        var model = new GroundedAnswerer(options, knowledge.Knowledge, new HttpClient(), NullLogger<GroundedAnswerer>.Instance, [plugin]);
        return new AskService(knowledge.Knowledge, options, model);
    }

    [Fact]
    public async Task Question_AboutVersions_CallsThePackagesFunctionAndAnswersFromItsResult()
    {
        var plugin = new VersionsPlugin();
        _server.Behaviour = (request, _) =>
        {
            var messages = request["messages"]!.AsArray();
            var toolResult = messages.FirstOrDefault(m => (string?)m!["role"] == "tool");
            return Task.FromResult<string?>(toolResult is null
                ? """CALL packages-compare_package {"name":"openssl","from":"alma9","to":"rocky9"}"""
                : "rocky9 is newer: openssl 3.0.7-28.el9_4 versus 3.0.7-27.el9.alma.1 on alma9 [packages].");
        };

        var answer = await Ask(plugin).AskAsync("is openssl newer in alma9 or rocky9? how do I compare a package between distros", default);

        Assert.Equal(["openssl alma9 rocky9"], plugin.Calls);
        Assert.True(answer.Answered);
        Assert.True(answer.ComposedByModel);
        Assert.Equal("rocky9 is newer: openssl 3.0.7-28.el9_4 versus 3.0.7-27.el9.alma.1 on alma9 .", answer.Text);
        var first = _server.Requests.First();
        Assert.Contains("packages-compare_package", first["tools"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerClaimingFactsTheFunctionDidNotReturn_IsNotShown()
    {
        var plugin = new VersionsPlugin();
        _server.Behaviour = (request, _) => Task.FromResult<string?>(
            request["messages"]!.AsArray().Any(m => (string?)m!["role"] == "tool")
                ? "Debian bookworm ships kernel 6.1 with systemd 252 [packages]."
                : """CALL packages-compare_package {"name":"openssl","from":"alma9","to":"rocky9"}""");

        var answer = await Ask(plugin).AskAsync("is openssl newer in alma9 or rocky9? how do I compare a package between distros", default);

        Assert.False(answer.ComposedByModel);
        Assert.DoesNotContain("bookworm", answer.Text, StringComparison.Ordinal);
    }
}
