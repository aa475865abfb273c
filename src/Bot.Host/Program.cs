using Bot.Host.Cli;

return await BotCli.RunAsync(args, Console.In, Console.Out, Console.Error).ConfigureAwait(false);
