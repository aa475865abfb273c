using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Packages.Queries;
using Microsoft.Extensions.Options;

namespace Bot.Packages.Commands;

/// <summary><c>/pkg name [distro]</c>.</summary>
internal sealed class PkgCommand(PackageAnswers answers, PackageQueries queries, IOptions<PackagesOptions> options) : ICommandHandler, IAutocompleteHandler
{
    private static readonly OptionSpec Name = new("name", OptionKind.Text, "Package name, e.g. openssl", Required: true) { Autocomplete = true, MaxLength = 200 };
    private readonly OptionSpec _distro = DistroOption.Create("distro", "Only this distribution", required: false, options.Value.Distros);

    // Built on first use, once: the distribution options come from configuration.
    public CommandSpec Spec => field ??= new("pkg", "Versions of a package across the distributions, newest per repo and arch")
    {
        Module = "Packages",
        Options =
        [
            Name,
            _distro,
        ],
        Example = "/pkg openssl alma9",
    };

    public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await answers.ReadyAsync(cancellationToken).ConfigureAwait(false);
        return answers.Info(call.Text(Name), call.OptionalText(_distro));
    }

    public ValueTask<IReadOnlyList<string>> CompleteAsync(string? subcommand, string option, string partial, CancellationToken cancellationToken) =>
        ValueTask.FromResult(queries.Complete(partial));
}

/// <summary><c>/provides what [distro]</c>.</summary>
internal sealed class ProvidesCommand(PackageAnswers answers, IOptions<PackagesOptions> options) : ICommandHandler
{
    private static readonly OptionSpec What = new("what", OptionKind.Text, "A path, soname or capability, e.g. libssl.so.3", Required: true) { MaxLength = 500 };
    private readonly OptionSpec _distro = DistroOption.Create("distro", "Only this distribution", required: false, options.Value.Distros);

    public CommandSpec Spec => field ??= new("provides", "Which packages provide a file, capability or soname")
    {
        Module = "Packages",
        Options =
        [
            What,
            _distro,
        ],
        Example = "/provides libssl.so.3 alma9",
    };

    public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await answers.ReadyAsync(cancellationToken).ConfigureAwait(false);
        return answers.Provides(call.Text(What), call.OptionalText(_distro));
    }
}

/// <summary><c>/compare name from to</c>.</summary>
internal sealed class CompareCommand(PackageAnswers answers, PackageQueries queries, IOptions<PackagesOptions> options) : ICommandHandler, IAutocompleteHandler
{
    private static readonly OptionSpec Name = new("name", OptionKind.Text, "Package name", Required: true) { Autocomplete = true, MaxLength = 200 };
    private readonly OptionSpec _from = DistroOption.Create("from", "First distribution", required: true, options.Value.Distros);
    private readonly OptionSpec _to = DistroOption.Create("to", "Second distribution", required: true, options.Value.Distros);

    public CommandSpec Spec => field ??= new("compare", "Compare a package between two distributions: versions and ABI-level differences")
    {
        Module = "Packages",
        Options =
        [
            Name,
            _from,
            _to,
        ],
        Example = "/compare openssl from:alma9 to:rocky9",
    };

    public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await answers.ReadyAsync(cancellationToken).ConfigureAwait(false);
        return answers.Compare(call.Text(Name), call.Text(_from), call.Text(_to));
    }

    public ValueTask<IReadOnlyList<string>> CompleteAsync(string? subcommand, string option, string partial, CancellationToken cancellationToken) =>
        ValueTask.FromResult(queries.Complete(partial));
}

/// <summary><c>/advisory id [distro]</c>.</summary>
internal sealed class AdvisoryCommand(PackageAnswers answers, IOptions<PackagesOptions> options) : ICommandHandler
{
    private static readonly OptionSpec Id = new("id", OptionKind.Text, "CVE-2024-6387 or ALSA-2024:4312", Required: true) { MaxLength = 64 };
    private readonly OptionSpec _distro = DistroOption.Create("distro", "Only this distribution", required: false, options.Value.Distros);

    public CommandSpec Spec => field ??= new("advisory", "An advisory by CVE or ALSA/RLSA/RHSA/ELSA id, with fixed versions per distro")
    {
        Module = "Packages",
        Options =
        [
            Id,
            _distro,
        ],
        Example = "/advisory CVE-2024-6387",
    };

    public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await answers.ReadyAsync(cancellationToken).ConfigureAwait(false);
        return answers.Advisory(call.Text(Id), call.OptionalText(_distro));
    }
}
