using Bot.Core.Storage;

namespace Bot.Quiz.Storage;

/// <summary>The collection <c>quiz_schedules</c>.</summary>
internal sealed class ScheduleStore(IDocumentStore store)
{
    internal const string Collection = "quiz_schedules";

    private readonly IDocumentCollection<ScheduleDocument> _schedules = store.Collection<ScheduleDocument>(Collection);

    public void Add(ScheduleDocument schedule) => _schedules.TryInsert(schedule);

    public ScheduleDocument? Find(string id) => _schedules.Find(id);

    public IReadOnlyList<ScheduleDocument> All() => _schedules.All();

    public IReadOnlyList<ScheduleDocument> InChannel(string platform, string server, string channel) =>
        _schedules.Where(new(nameof(ScheduleDocument.Platform), platform), new(nameof(ScheduleDocument.Server), server), new(nameof(ScheduleDocument.Channel), channel));

    public bool Remove(string id) => _schedules.Delete(id);

    /// <summary>Pauses a schedule whose channel refused a post for good; false when it is gone.</summary>
    public bool Pause(string id, string reason, DateTime at) => store.InTransaction(() =>
    {
        if (_schedules.Find(id) is not { } schedule)
        {
            return false;
        }

        schedule.PausedReason = reason;
        schedule.PausedAt = at;
        return _schedules.Update(schedule);
    });
}
