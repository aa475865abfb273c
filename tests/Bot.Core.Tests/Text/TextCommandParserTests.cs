using Bot.Core.Commands;
using Bot.Core.Tests.Support;
using Bot.Core.Text;

namespace Bot.Core.Tests.Text;

public sealed class TextCommandParserTests
{
    private readonly TextCommandParser _parser = new(new CommandCatalog([TestHandlers.Compare(), TestHandlers.Ask(), TestHandlers.Quiz()]));

    private CommandRequest Parse(string line)
    {
        var parsed = _parser.Parse(line, TestHandlers.Member, TestHandlers.Place);
        Assert.Null(parsed.Error);
        return parsed.Request!;
    }

    private string ParseError(string line) => _parser.Parse(line, TestHandlers.Member, TestHandlers.Place).Error!;

    [Theory]
    [InlineData("/compare openssl from:alma9 to:rocky9")]
    [InlineData("!compare openssl from:alma9 to:rocky9")]
    [InlineData("/compare from:alma9 to:rocky9 openssl")]
    [InlineData("/compare openssl alma9 rocky9")]
    [InlineData("/compare name:openssl FROM:alma9 to:rocky9")]
    public void Parse_NamedAndUnnamedOptions_FillTheSameRequest(string line)
    {
        var request = Parse(line);

        Assert.Equal("compare", request.Command);
        Assert.Equal("openssl", request.Options["name"]);
        Assert.Equal("alma9", request.Options["from"]);
        Assert.Equal("rocky9", request.Options["to"]);
    }

    [Fact]
    public void Parse_TakesRestOption_GetsTheWholeQuestionWithColonsAndApostrophes()
    {
        var request = Parse("/ask what's ABI: is it like API?");

        Assert.Equal("what's ABI: is it like API?", request.Options["question"]);
    }

    [Fact]
    public void Parse_Subcommand_IsSplitOffAndOptionsBindToIt()
    {
        var request = Parse("/quiz start 5 category:\"rpm packaging\"");

        Assert.Equal("start", request.Subcommand);
        Assert.Equal("5", request.Options["questions"]);
        Assert.Equal("rpm packaging", request.Options["category"]);
    }

    [Fact]
    public void Parse_QuotedWordWithColon_IsTextNotAnOption()
    {
        var request = Parse("/compare \"from:odd\" alma9 rocky9");

        Assert.Equal("from:odd", request.Options["name"]);
    }

    [Fact]
    public void Parse_EscapedQuoteInsideQuotes_IsKept()
    {
        var request = Parse("/quiz start category:\"say \\\"hi\\\"\"");

        Assert.Equal("say \"hi\"", request.Options["category"]);
    }

    [Fact]
    public void Parse_UnclosedQuote_SaysSo()
    {
        Assert.StartsWith("A quote is not closed: `\"openssl", ParseError("/compare \"openssl alma9"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyWords_SaysWhatItTakesWithExample()
    {
        var error = ParseError("/compare openssl alma9 rocky9 ol9");

        Assert.Equal("`/compare` takes name, from and to; I don't know what to do with `ol9`. Example: `/compare openssl from:alma9 to:rocky9`", error);
    }

    [Fact]
    public void Parse_OptionGivenTwice_IsAnError()
    {
        Assert.StartsWith("`from` is given twice.", ParseError("/compare x from:alma9 from:ol9 to:rocky9"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello there")]
    [InlineData("/ spaced")]
    [InlineData("/")]
    [InlineData("#compare")]
    public void Parse_NotACommand_SaysSo(string line)
    {
        var parsed = _parser.Parse(line, TestHandlers.Member, TestHandlers.Place);

        Assert.False(parsed.IsCommand);
    }

    [Fact]
    public void Parse_UnknownCommand_LeavesTheAnswerToTheRouter()
    {
        var request = Parse("/nonsense with words");

        Assert.Equal("nonsense", request.Command);
        Assert.Empty(request.Options);
    }
}
