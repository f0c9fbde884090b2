using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.AzAccounts;
using Astro.Network.Engine;

namespace Astro.Network
{
    /// <summary>
    /// Base for every cmdlet: owns the cancellation that Ctrl+C (StopProcessing) triggers, runs one engine call
    /// off the pipeline thread while relaying its verbose, warning and progress messages back onto it, and turns
    /// engine failures into ErrorRecords with stable ids.
    /// </summary>
    public abstract class AstroCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        protected CancellationToken CancellationToken => _cancel.Token;

        protected override void StopProcessing() => _cancel.Cancel();

        public void Dispose() => _cancel.Dispose();

        /// <summary>Default of -BusyTimeout, in seconds.</summary>
        protected static readonly int DefaultBusyTimeout = (int)BusyTimeout.Default.TotalSeconds;

        /// <summary>-BusyTimeout of the cmdlets that write: how long one operation may wait for a busy resource (null: the engine's default).</summary>
        protected int? BusyTimeoutSeconds { get; set; }

        /// <summary>Runs an engine operation and waits for it, pumping its log messages on the pipeline thread.</summary>
        protected T Run<T>(Func<IOperationLog, CancellationToken, Task<T>> operation)
        {
            using var log = new PipelineLog();
            using var azContext = HostSignIn.Bind(new AzAccountsSignIn(log));
            var busyTimeout = BusyTimeoutSeconds;
            var task = Task.Run(async () =>
            {
                using var busy = busyTimeout == null ? null : BusyTimeout.Use(TimeSpan.FromSeconds(busyTimeout.Value));
                return await operation(log, _cancel.Token).ConfigureAwait(false);
            });
            while (!task.IsCompleted)
            {
                log.Pump(this, TimeSpan.FromMilliseconds(50));
            }
            log.Pump(this, TimeSpan.Zero);
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Runs an operation whose failure ends the command (sign-in, a lookup every item depends on).</summary>
        protected T RunOrStop<T>(Func<IOperationLog, CancellationToken, Task<T>> operation)
        {
            try
            {
                return Run(operation);
            }
            catch (AstroNetworkException ex)
            {
                ThrowTerminating(ex);
                throw; // not reached: ThrowTerminating throws
            }
        }

        protected void Run(Func<IOperationLog, CancellationToken, Task> operation) =>
            Run<bool>(async (log, ct) => { await operation(log, ct).ConfigureAwait(false); return true; });

        /// <summary>Runs an operation for one item: a failure writes an error and lets the pipeline move on.</summary>
        protected bool TryRun<T>(Func<IOperationLog, CancellationToken, Task<T>> operation, out T result)
        {
            try
            {
                result = Run(operation);
                return true;
            }
            catch (AstroNetworkException ex)
            {
                WriteError(ToErrorRecord(ex));
                result = default!;
                return false;
            }
        }

        /// <summary>Stops the command: for bad input and for failures that leave nothing else worth doing.</summary>
        protected void ThrowTerminating(AstroNetworkException ex) => ThrowTerminatingError(ToErrorRecord(ex));

        /// <summary>
        /// The extra question of a High-impact case in a Medium-impact cmdlet (PowerShell has no per-call impact): asked as a
        /// High-impact cmdlet would be under $ConfirmPreference, unless -Confirm was given (ShouldProcess asks, or was told not
        /// to) or under -WhatIf (nothing is written then anyway). A -Force that skips it is the caller's to check.
        /// </summary>
        protected bool ConfirmHighImpact(string query, string caption)
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey("Confirm")
                || (bound.TryGetValue("WhatIf", out var whatIf) && whatIf is SwitchParameter w && w.IsPresent)
                || !(GetVariableValue("ConfirmPreference") is ConfirmImpact preference) || preference == ConfirmImpact.None)
            {
                return true;
            }

            return ShouldContinue(query, caption);
        }

        protected override void ProcessRecord()
        {
            try
            {
                ProcessItem();
            }
            catch (AstroNetworkException ex)
            {
                WriteError(ToErrorRecord(ex));
            }
        }

        /// <summary>The per-record work. An AstroNetworkException escaping it becomes a non-terminating error.</summary>
        protected abstract void ProcessItem();

        protected override void EndProcessing()
        {
            try
            {
                EndItems();
            }
            catch (AstroNetworkException ex)
            {
                ThrowTerminating(ex);
            }
        }

        /// <summary>Work after the last record (collected input). An AstroNetworkException escaping it stops the command.</summary>
        protected virtual void EndItems()
        {
        }

        internal static ErrorRecord ToErrorRecord(AstroNetworkException ex)
        {
            var record = new ErrorRecord(ex, ex.ErrorId, ToCategory(ex.Kind), ex.Target);
            var advice = ex.RecommendedAction;
            if (string.IsNullOrEmpty(advice) || ex.Message.Trim() == advice!.Trim())
            {
                return record;
            }
            var message = WithoutAdvice(ex.Message, advice);
            record.ErrorDetails = new ErrorDetails(ShowsRecommendation ? message : message + " " + advice) { RecommendedAction = advice };
            return record;
        }

        /// <summary>PowerShell 7.5+ prints RecommendedAction under the message ("Recommendation: ..."); older hosts only the message.</summary>
        private static readonly bool ShowsRecommendation = typeof(PSObject).Assembly.GetName().Version >= new Version(7, 5);

        /// <summary>The message without its trailing sentences that the advice already says, so no sentence is printed twice.</summary>
        internal static string WithoutAdvice(string message, string advice)
        {
            for (var end = message.IndexOf(". ", StringComparison.Ordinal); end >= 0; end = message.IndexOf(". ", end + 1, StringComparison.Ordinal))
            {
                var tail = message.Substring(end + 2).Trim().TrimEnd('.');
                if (tail.Length > 0 && advice.IndexOf(tail, StringComparison.Ordinal) >= 0) return message.Substring(0, end + 1);
            }
            return message;
        }

        internal static ErrorCategory ToCategory(FailureKind kind) => kind switch
        {
            FailureKind.InvalidArgument => ErrorCategory.InvalidArgument,
            FailureKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            FailureKind.PermissionDenied => ErrorCategory.PermissionDenied,
            FailureKind.AuthenticationError => ErrorCategory.AuthenticationError,
            FailureKind.ResourceExists => ErrorCategory.ResourceExists,
            FailureKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
            FailureKind.ConnectionError => ErrorCategory.ConnectionError,
            FailureKind.InvalidOperation => ErrorCategory.InvalidOperation,
            FailureKind.OperationTimeout => ErrorCategory.OperationTimeout,
            FailureKind.InvalidData => ErrorCategory.InvalidData,
            FailureKind.SecurityError => ErrorCategory.SecurityError,
            FailureKind.ResourceBusy => ErrorCategory.ResourceBusy,
            _ => ErrorCategory.NotSpecified,
        };

        /// <summary>Collects engine messages from any thread; only the pipeline thread writes them.</summary>
        private sealed class PipelineLog : IOperationLog, IPipelineThread, IDisposable
        {
            private readonly BlockingCollection<Action<Cmdlet>> _messages = new BlockingCollection<Action<Cmdlet>>();

            public void Verbose(string message) => _messages.Add(c => c.WriteVerbose(message));

            public void Warning(string message) => _messages.Add(c => c.WriteWarning(message));

            public void Progress(string activity, string status, int percentComplete) =>
                _messages.Add(c => c.WriteProgress(new ProgressRecord(1, activity, status)
                {
                    PercentComplete = percentComplete,
                    RecordType = percentComplete >= 100 ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                }));

            public Task<T> Invoke<T>(Func<T> work)
            {
                var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                _messages.Add(_ =>
                {
                    try { done.SetResult(work()); }
                    catch (Exception ex) { done.SetException(ex); }
                });
                return done.Task;
            }

            public void Pump(Cmdlet cmdlet, TimeSpan wait)
            {
                if (_messages.TryTake(out var first, wait)) first(cmdlet);
                while (_messages.TryTake(out var next)) next(cmdlet);
            }

            public void Dispose() => _messages.Dispose();
        }
    }
}
