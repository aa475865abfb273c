using Bot.Core.Text;

namespace Bot.Core.Tests.Text;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("https://user:pass@host/feed?token=abc&x=1", "https://***@host/feed?token=***&x=1")]
    [InlineData("https://only-a-token@host/feed", "https://***@host/feed")]
    [InlineData("https://host/feed?key=k1&access_token=t2&api-key=k3&page=2", "https://host/feed?key=***&access_token=***&api-key=***&page=2")]
    [InlineData("https://host/feed?ACCESS_TOKEN=t&Private-Token=p;sort=new", "https://host/feed?ACCESS_TOKEN=***&Private-Token=***;sort=new")]
    [InlineData("https://host/cb#access_token=t&state=s", "https://host/cb#access_token=***&state=s")]
    [InlineData("https://user:p%40ss@host:8443", "https://***@host:8443")]
    public void Mask_HidesCredentialsAndSecretParameters(string url, string shown)
    {
        Assert.Equal(shown, UrlRedaction.Mask(url));
        Assert.Equal(shown, UrlRedaction.Mask(new Uri(url)));
    }

    [Theory]
    [InlineData("https://almalinux.org/feed.xml")]
    [InlineData("https://host/feed?page=2&category=security&keyword=ssl")]
    [InlineData("https://host/users/@alice/feed")]
    [InlineData("not a url at all")]
    public void Mask_LeavesUrlsWithoutSecretsAlone(string url)
    {
        Assert.Equal(url, UrlRedaction.Mask(url));
        Assert.False(UrlRedaction.HasSecrets(url));
    }

    [Fact]
    public void HasSecrets_IsTrueWhenAnythingIsMasked()
    {
        Assert.True(UrlRedaction.HasSecrets("https://h/f?token=x"));
        Assert.True(UrlRedaction.HasSecrets("https://u:p@h/f"));
    }
}
