using Bot.Core.Options;
using Microsoft.Extensions.Configuration;

namespace Bot.Core.Tests.Options;

public sealed class SectionValidatorTests
{
    [Fact]
    public void Validate_OutOfRange_NamesTheFullKeyAndValue()
    {
        var result = new SectionValidator<ChatOptions>("Chat", null).Validate(null, new ChatOptions { MaxInputLength = 5 });

        Assert.True(result.Failed);
        Assert.Equal("Chat:MaxInputLength: The field MaxInputLength must be between 100 and 100000. (got '5')", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_UnknownKeyInSection_IsAFailure()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Chat:MaxInputLenght", "500")]).Build();

        var result = new SectionValidator<ChatOptions>("Chat", configuration).Validate(null, new ChatOptions());

        Assert.StartsWith("Chat:MaxInputLenght: is not a setting (known: MaxInputLength, Prefixes, RateLimit)", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new SectionValidator<ChatOptions>("Chat", null).Validate(null, new ChatOptions()).Succeeded);
    }
}
