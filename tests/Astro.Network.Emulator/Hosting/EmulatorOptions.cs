namespace Astro.Network.Emulator.Hosting;

/// <summary>How to start an <see cref="EmulatorHost"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Scenario file path, or the name of a built-in scenario (demo, test) in Scenarios/.</summary>
    public string? ScenarioPath { get; set; }

    /// <summary>Scenario JSON text; wins over <see cref="ScenarioPath"/>.</summary>
    public string? ScenarioJson { get; set; }

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>PFX without password; when null a fresh self-signed certificate is made.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>When set, every ARM exchange is written here in oav traffic format.</summary>
    public string? TrafficDirectory { get; set; }

    /// <summary>When set, every recorded exchange (all services, redacted) is appended here as one JSON line; never cleared.</summary>
    public string? RequestLogPath { get; set; }
}
