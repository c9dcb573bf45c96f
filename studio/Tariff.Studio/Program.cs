using Tariff.Platform.Database;
using Tariff.Studio.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Listen on loopback only unless told otherwise: an installation is exposed deliberately, never by default.
const string DefaultUrls = "http://127.0.0.1:5080";
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls(DefaultUrls);
}

var urls = builder.Configuration["urls"] ?? DefaultUrls;
builder.Services.AddTariffStudio(builder.Configuration);

var app = builder.Build();
app.UseTariffStudio();

try
{
    var demo = await DatabaseStartup.PrepareAsync(app.Services);
    Console.WriteLine(demo.Password is null
        ? $"Demo login: {demo.Email} (password printed when it was created; set TARIFF_DEMO_ADMIN_PASSWORD to reset it)"
        : $"Demo login: {demo.Email} / {demo.Password}");
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (StartupFailure.Describe(exception, urls) is { } failure)
{
    await Console.Error.WriteLineAsync($"tariff studio: {failure.Message}");
    return failure.ExitCode;
}

/// <summary>The studio host; public so that tests can start it in process.</summary>
public partial class Program;
