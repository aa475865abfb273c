using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Support;

/// <summary>Keeps every log entry so that tests can assert what was, and what was not, logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception)));
}
