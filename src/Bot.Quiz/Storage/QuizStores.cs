namespace Bot.Quiz.Storage;

/// <summary>The quiz's stores together, so that the engine takes one dependency for its state.</summary>
internal sealed record QuizStores(RoundStore Rounds, AnswerStore Answers, HistoryStore History, ScheduleStore Schedules);
