using System.Text.Json.Nodes;
using Bot.Matrix.Tests.Support;

namespace Bot.Matrix.Tests;

/// <summary>The contract checker itself: it must refuse what the spec refuses, or its silence proves nothing.</summary>
public sealed class MatrixContractTests
{
    [Fact]
    public void FilterWithAWrongType_IsRefusedAndARightOnePasses()
    {
        var wrong = JsonNode.Parse("""{"room":{"timeline":{"limit":"ten"}}}""");
        var right = JsonNode.Parse("""{"room":{"timeline":{"limit":10,"types":["m.room.message"]}}}""");

        Assert.NotNull(MatrixContract.Check("POST", "/_matrix/client/v3/user/%40bot%3Atest.org/filter", wrong));
        Assert.Null(MatrixContract.Check("POST", "/_matrix/client/v3/user/%40bot%3Atest.org/filter", right));
    }

    [Fact]
    public void LoginIdentifierWithoutItsType_IsRefused()
    {
        var body = JsonNode.Parse("""{"type":"m.login.password","identifier":{"user":"bot"},"password":"x"}""");

        Assert.NotNull(MatrixContract.Check("POST", "/_matrix/client/v3/login", body));
    }

    [Fact]
    public void PathTheApiDoesNotHave_IsRefused()
    {
        Assert.NotNull(MatrixContract.Check("POST", "/_matrix/client/v3/rooms/!r:x/leave/now", null));
        Assert.Null(MatrixContract.Check("GET", "/_matrix/client/v3/account/whoami", null));
    }
}
