using Quartz;

namespace Bot.Quiz.Scheduling;

/// <summary>
/// Turns a standard 5-field cron expression (minute hour day-of-month month day-of-week, Sunday
/// = 0 or 7) into Quartz's form (seconds first, '?' in one day field, Sunday = 1), and validates it.
/// </summary>
internal static class CronTranslator
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

    public const string Example = "`/quiz schedule 0 18 * * 5` (every Friday at 18:00)";

    public static (string? Quartz, string? Error) ToQuartz(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 5)
        {
            return (null, $"`{Clip(cron)}` has {fields.Length} fields; a cron has 5: minute hour day-of-month month day-of-week. Example: {Example}");
        }

        var (minute, hour, dom, month, dow) = (fields[0], fields[1], fields[2], fields[3], DayOfWeek(fields[4]));
        if (dom != "*" && dow != "*")
        {
            return (null, $"`{Clip(cron)}` sets both a day of month and a day of week; the scheduler takes one of them. Example: {Example}");
        }

        var quartz = dow == "*" ? $"0 {minute} {hour} {dom} {month} ?" : $"0 {minute} {hour} ? {month} {dow}";
        try
        {
            _ = new CronExpression(quartz);
        }
        catch (FormatException ex)
        {
            return (null, $"`{Clip(cron)}` is not a valid cron ({ex.Message.TrimEnd('.')}). Example: {Example}");
        }

        return (quartz, null);
    }

    /// <summary>The next <paramref name="count"/> times the expression fires after <paramref name="after"/>, in <paramref name="zone"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Next(string quartz, TimeZoneInfo zone, DateTimeOffset after, int count)
    {
        var expression = new CronExpression(quartz, zone);
        var times = new List<DateTimeOffset>();
        var from = after;
        while (times.Count < count && expression.GetNextValidTimeAfter(from) is { } next)
        {
            times.Add(TimeZoneInfo.ConvertTime(next, zone));
            from = next;
        }

        return times;
    }

    private static string DayOfWeek(string field) =>
        // Digits become names, which both conventions share: 0 and 7 are Sunday in cron, 1 is Sunday in Quartz.
        string.Concat(field.Select((c, i) =>
            char.IsDigit(c) && (i == 0 || !char.IsDigit(field[i - 1])) && (i + 1 == field.Length || !char.IsDigit(field[i + 1])) && !IsStep(field, i) && c <= '7'
                ? DayNames[c - '0']
                : c.ToString()));

    private static bool IsStep(string field, int i) => i > 0 && field[i - 1] == '/';

    private static string Clip(string text) => (text.Length > 40 ? text[..40] + "…" : text).Replace('`', '\'');
}
