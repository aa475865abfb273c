using System.Collections.Concurrent;
using Bot.Core.Chat;
using Bot.Core.Options;
using Microsoft.Extensions.Options;

namespace Bot.Core.Commands;

/// <summary>What the limiter says about one more command from a person.</summary>
public enum RateVerdict
{
    /// <summary>Within the limits: run it.</summary>
    Allowed,

    /// <summary>The first command over a limit: say "slow down" once.</summary>
    SlowDown,

    /// <summary>Still over the limit after being told: answer with silence.</summary>
    Silent,
}

/// <summary>
/// Sliding-window counts per person (platform and id), one for every command and a lower one for
/// commands that may call a model (<c>Chat:RateLimit</c>). The operator at the console is exempt:
/// the limits are for people in chats, as the CLI verbs are the operator's own tools.
/// </summary>
public sealed class PersonRateLimiter(IOptions<ChatOptions> options, TimeProvider time)
{
    /// <summary>Every so many checks, people idle for a whole window are forgotten, so memory follows the active people only.</summary>
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Person> _people = new(StringComparer.Ordinal);
    private int _checks;

    /// <summary>Counts the command if it is allowed, and says whether it is.</summary>
    public RateVerdict Check(Caller caller, ChatAddress place, bool callsModel)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(place);
        if (caller.IsOperator)
        {
            return RateVerdict.Allowed;
        }

        var limits = options.Value.RateLimit;
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _checks) % SweepEvery == 0)
        {
            Sweep(now - limits.Window);
        }

        var person = _people.GetOrAdd($"{place.Platform}:{caller.Id}", _ => new Person());
        return person.Check(now, limits, callsModel);
    }

    /// <summary>How many people the limiter currently remembers (for tests of the sweep).</summary>
    internal int Remembered => _people.Count;

    private void Sweep(DateTimeOffset idleSince)
    {
        foreach (var (key, person) in _people)
        {
            if (person.IdleSince(idleSince))
            {
                _people.TryRemove(key, out _);
            }
        }
    }

    private sealed class Person
    {
        private readonly Lock _gate = new();
        private readonly Queue<DateTimeOffset> _all = new();
        private readonly Queue<DateTimeOffset> _model = new();
        private bool _told;

        public RateVerdict Check(DateTimeOffset now, ChatRateLimit limits, bool callsModel)
        {
            lock (_gate)
            {
                Expire(_all, now - limits.Window);
                Expire(_model, now - limits.Window);
                if (_all.Count >= limits.Commands || (callsModel && _model.Count >= limits.ModelCommands))
                {
                    var first = !_told;
                    _told = true;
                    return first ? RateVerdict.SlowDown : RateVerdict.Silent;
                }

                _told = false;
                _all.Enqueue(now);
                if (callsModel)
                {
                    _model.Enqueue(now);
                }

                return RateVerdict.Allowed;
            }
        }

        public bool IdleSince(DateTimeOffset since)
        {
            lock (_gate)
            {
                return _all.Count == 0 || _all.Last() < since;
            }
        }

        private static void Expire(Queue<DateTimeOffset> stamps, DateTimeOffset before)
        {
            while (stamps.TryPeek(out var oldest) && oldest <= before)
            {
                stamps.Dequeue();
            }
        }
    }
}
