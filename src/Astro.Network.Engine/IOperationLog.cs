namespace Astro.Network.Engine
{
    /// <summary>
    /// Progress and diagnostics sink implemented by the cmdlet base. The engine calls it from any thread;
    /// the implementation marshals to the pipeline thread.
    /// </summary>
    public interface IOperationLog
    {
        void Verbose(string message);

        void Warning(string message);

        void Progress(string activity, string status, int percentComplete);
    }
}
