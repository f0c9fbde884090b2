using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Onboarding
{
    /// <summary>Test- and Invoke-AstroNetworkOnboarding: one file, checked whole (every problem with its line and key) before any request.</summary>
    public abstract class OnboardingCmdlet : AstroCmdlet
    {
        /// <summary>The onboarding file (.psd1).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Seconds one resource may wait while Azure answers that it is busy or throttles, before AzureResourceBusy.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int BusyTimeout { get => BusyTimeoutSeconds ?? DefaultBusyTimeout; set => BusyTimeoutSeconds = value; }

        protected string FullPath => GetUnresolvedProviderPathFromPSPath(Path);

        /// <summary>The checked file; with problems, each is written and the last stops the command (nothing was read from Azure).</summary>
        protected OnboardingDefinition ReadFile()
        {
            var path = FullPath;
            if (!System.IO.File.Exists(path))
            {
                ThrowTerminating(new AstroNetworkException("OnboardingFileNotFound", FailureKind.ObjectNotFound, $"There is no onboarding file at '{path}'.", path));
            }

            var root = OnboardingFileParser.Parse(path, out var problems);
            var file = root == null ? null : OnboardingEngine.Read(root, path, out problems);
            for (var i = 0; i < problems.Count - 1; i++)
            {
                WriteError(ToErrorRecord(problems[i]));
            }

            if (file == null)
            {
                ThrowTerminating(problems[problems.Count - 1]);
            }

            return file!;
        }
    }
}
