using Xunit;

namespace Astro.Network.Tests.Emulator;

/// <summary>Each test starts from the test scenario with no faults and an empty request log.</summary>
[Collection(EmulatorCollection.Name)]
public abstract class EmulatorTestBase : IDisposable
{
    protected EmulatorTestBase(EmulatorFixture fx)
    {
        Fx = fx;
        fx.Host.Reset();
        fx.Host.Faults.Clear();
        fx.Host.ClearRequests();
        Client = fx.CreateClient();
    }

    protected EmulatorFixture Fx { get; }
    protected HttpClient Client { get; }

    public void Dispose()
    {
        Fx.Host.Faults.Clear();
        Client.Dispose();
        GC.SuppressFinalize(this);
    }
}
