using Bgpc.Client;

ClientOptions options;
try
{
    options = ClientOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("bgpc: " + e.Message);
    Console.Error.WriteLine(ClientOptions.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(ClientOptions.Usage);
    return 0;
}
return new BirdConsole(options, Console.Out).Run();
