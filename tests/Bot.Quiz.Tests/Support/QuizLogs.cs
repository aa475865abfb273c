using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Quiz.Tests.Support;

/// <summary>Keeps every log entry the harness lets through (Warning and above), for asserting what the quiz logged.</summary>
internal sealed class QuizLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(QuizLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, exception is null ? formatter(state, exception) : formatter(state, exception) + "\n" + exception));
    }
}
