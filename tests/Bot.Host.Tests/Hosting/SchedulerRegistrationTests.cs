using Bot.Host.Tests.Support;
using Bot.News;
using Bot.Packages;
using Bot.Quiz;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Bot.Host.Tests.Hosting;

/// <summary>One scheduler set-up: the host registers Quartz; modules only schedule jobs on it.</summary>
public sealed class SchedulerRegistrationTests
{
    [Fact]
    public void WholeBot_RunsOneQuartzHostedService()
    {
        using var bot = new BuiltBot();

        var quartz = bot.Services.GetServices<IHostedService>().Where(s => s.GetType().Namespace?.StartsWith("Quartz", StringComparison.Ordinal) == true).ToList();

        Assert.Single(quartz);
        Assert.NotNull(bot.Services.GetService<ISchedulerFactory>());
    }

    public static TheoryData<string> Modules => ["quiz", "news", "packages"];

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_RegistersNoSchedulerOfItsOwn(string module)
    {
        var services = new ServiceCollection();
        _ = module switch
        {
            "quiz" => services.AddQuizModule(),
            "news" => services.AddNewsModule(),
            _ => services.AddPackagesModule(),
        };

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(ISchedulerFactory));
    }
}
