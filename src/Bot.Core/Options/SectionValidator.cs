using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bot.Core.Options;

/// <summary>
/// Validates an options class with its data annotations (and <see cref="IValidatableObject"/>)
/// and names each failure by its full configuration key (<c>Chat:MaxInputLength</c>), so that a
/// person can find the line to fix. Unknown keys in the section are failures too: a typo in a key
/// would otherwise be silently ignored.
/// </summary>
/// <typeparam name="TOptions">The options class.</typeparam>
public sealed class SectionValidator<TOptions>(string section, IConfiguration? configuration) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = UnknownKeys().ToList();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => Describe(r, options)));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Describe(ValidationResult result, TOptions options)
    {
        var member = result.MemberNames.FirstOrDefault();
        var key = member is null ? section : $"{section}:{member}";
        var value = member is null ? null : typeof(TOptions).GetProperty(member)?.GetValue(options);
        var got = value is null or string { Length: 0 } ? "" : $" (got '{value}')";
        return $"{key}: {result.ErrorMessage}{got}";
    }

    private IEnumerable<string> UnknownKeys()
    {
        if (configuration is null)
        {
            yield break;
        }

        var known = typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || !p.PropertyType.IsValueType)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in configuration.GetSection(section).GetChildren())
        {
            if (!known.Contains(child.Key))
            {
                yield return $"{section}:{child.Key}: is not a setting (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})";
            }
        }
    }
}
