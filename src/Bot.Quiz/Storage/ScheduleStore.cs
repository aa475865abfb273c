using LiteDB;

namespace Bot.Quiz.Storage;

/// <summary>The collection <c>quiz_schedules</c>.</summary>
internal sealed class ScheduleStore(ILiteDatabase database)
{
    internal const string Collection = "quiz_schedules";

    private readonly ILiteCollection<ScheduleDocument> _schedules = database.GetCollection<ScheduleDocument>(Collection);

    public void Add(ScheduleDocument schedule) => _schedules.Insert(schedule);

    public ScheduleDocument? Find(string id) => _schedules.FindById(id);

    public IReadOnlyList<ScheduleDocument> All() => [.. _schedules.FindAll()];

    public IReadOnlyList<ScheduleDocument> InChannel(string platform, string server, string channel) =>
        [.. _schedules.Find(s => s.Platform == platform && s.Server == server && s.Channel == channel)];

    public bool Remove(string id) => _schedules.Delete(id);

    /// <summary>Pauses a schedule whose channel refused a post for good; false when it is gone.</summary>
    public bool Pause(string id, string reason, DateTime at)
    {
        if (_schedules.FindById(id) is not { } schedule)
        {
            return false;
        }

        schedule.PausedReason = reason;
        schedule.PausedAt = at;
        return _schedules.Update(schedule);
    }
}
