using System;
using System.Threading.Tasks;

namespace Astro.Network.AzAccounts
{
    /// <summary>Runs work on the cmdlet's pipeline thread, the only thread PowerShell commands may be invoked on.</summary>
    internal interface IPipelineThread
    {
        Task<T> Invoke<T>(Func<T> work);
    }
}
