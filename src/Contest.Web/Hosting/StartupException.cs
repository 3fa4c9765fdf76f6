namespace Contest.Web.Hosting;

/// <summary>A configuration problem that stops start-up. Program prints its message as one line, no stack trace.</summary>
public sealed class StartupException(string setting, string problem) : Exception($"{setting}: {problem}")
{
    public string Setting { get; } = setting;
}
