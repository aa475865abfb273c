using Bot.Quiz.Scheduling;

namespace Bot.Quiz.Tests.Scheduling;

public sealed class CronTranslatorTests
{
    [Theory]
    [InlineData("0 18 * * 5", "0 0 18 ? * FRI")]
    [InlineData("30 9 * * 1-5", "0 30 9 ? * MON-FRI")]
    [InlineData("0 12 * * 0,6", "0 0 12 ? * SUN,SAT")]
    [InlineData("0 12 * * 7", "0 0 12 ? * SUN")]
    [InlineData("*/15 * * * *", "0 */15 * * * ?")]
    [InlineData("0 0 1 * *", "0 0 0 1 * ?")]
    [InlineData("0 20 * * MON", "0 0 20 ? * MON")]
    public void ToQuartz_StandardCron_BecomesQuartzForm(string cron, string quartz)
    {
        Assert.Equal((quartz, (string?)null), CronTranslator.ToQuartz(cron));
    }

    [Theory]
    [InlineData("0 18 * *", "has 4 fields")]
    [InlineData("0 25 * * *", "is not a valid cron (Hour values must be between 0 and 23)")]
    [InlineData("0 18 1 * 5", "sets both a day of month and a day of week")]
    [InlineData("every friday", "has 2 fields")]
    public void ToQuartz_Invalid_ExplainsWithAnExample(string cron, string message)
    {
        var (quartz, error) = CronTranslator.ToQuartz(cron);

        Assert.Null(quartz);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.EndsWith("Example: `/quiz schedule 0 18 * * 5` (every Friday at 18:00)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_InAZoneAcrossDaylightSaving_KeepsTheLocalHour()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var next = CronTranslator.Next("0 0 18 ? * FRI", zone, new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal([new DateTime(2026, 10, 23, 18, 0, 0), new DateTime(2026, 10, 30, 18, 0, 0), new DateTime(2026, 11, 6, 18, 0, 0)], next.Select(n => n.DateTime));
        Assert.Equal([TimeSpan.FromHours(2), TimeSpan.FromHours(1), TimeSpan.FromHours(1)], next.Select(n => n.Offset));
    }
}
