using Astro.Network.Emulator.Hosting;

// Standalone: dotnet run --project tests/Astro.Network.Emulator -- --scenario <file|demo|test> [--port n] [--cert pfx] [--traffic dir] [--request-log file]
//             dotnet run --project tests/Astro.Network.Emulator -- --make-cert <dir>
// An empty value means no request log (a parent shell may pass the variable set but empty).
var requestLog = Environment.GetEnvironmentVariable("ASTRO_EMULATOR_REQUEST_LOG");
var options = new EmulatorOptions { RequestLogPath = string.IsNullOrWhiteSpace(requestLog) ? null : requestLog };
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--make-cert":
            EmulatorCertificate.Create(Next());
            return 0;
        case "--scenario":
            options.ScenarioPath = Next();
            break;
        case "--port":
            options.Port = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--cert":
            options.CertificatePath = Next();
            break;
        case "--traffic":
            options.TrafficDirectory = Next();
            break;
        case "--request-log":
            options.RequestLogPath = Next();
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --scenario, --port, --cert, --traffic, --request-log or --make-cert.");
            return 2;
    }
}

await using var host = await EmulatorHost.StartAsync(options);
Console.WriteLine($"Emulator listening on {host.BaseUri}");
Console.Out.Flush();

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
await stop.Task;
return 0;
