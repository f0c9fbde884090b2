# Shared by the bench scripts: emulator state between steps, one measured step (wall time and the emulator's request
# log of that step), medians. Needs tests/Pester/TestHelpers.psm1 imported first (ASTRO_TEST_EMULATOR set).

# Back to the bench scenario with at most a latency fault: every measured step starts from the same state.
function Restore-BenchState {
    param([Parameter(Mandatory)] [string] $ScenarioJson, [int] $LatencyMs = 0)
    Invoke-RestMethod -Method Post -Uri "$(Get-EmulatorUrl)_emulator/scenario" -Body $ScenarioJson -ContentType 'application/json' | Out-Null
    Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/faults" | Out-Null
    if ($LatencyMs -gt 0) { Add-EmulatorFault @{ latencyMs = $LatencyMs; count = 100000000 } }
    Clear-EmulatorRequest
}

# LRO status and result polls, by the URL forms ARM providers use.
function Test-PollRequest([string] $Url) { $Url -match '/(operations|operationResults|operationStatuses|asyncoperations)/' }

# Runs a step once: wall time, its output and errors, and what it sent (the emulator's log, cleared first).
# -LogFile keeps the step's request lines (method, status, path) for reading the counts.
function Measure-BenchStep {
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [scriptblock] $Action, [string] $LogFile)
    Clear-EmulatorRequest
    $ErrorActionPreference = 'Continue'   # errors are counted and reported, not fatal
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $all = @(& $Action 2>&1)
    $watch.Stop()
    $log = @(Get-EmulatorRequest)
    if ($LogFile) {
        $log | ForEach-Object { '{0} {1,-6} {2} {3}' -f $_.service, $_.method, $_.status, $_.url } | Set-Content -Path $LogFile
    }
    [pscustomobject]@{
        Name     = $Name
        Seconds  = [math]::Round($watch.Elapsed.TotalSeconds, 2)
        Requests = $log.Count
        Reads    = @($log | Where-Object { -not $_.isWrite -and $_.service -ne 'entra' -and -not (Test-PollRequest $_.url) }).Count
        Writes   = @($log | Where-Object isWrite).Count
        Polls    = @($log | Where-Object { Test-PollRequest $_.url }).Count
        Tokens   = @($log | Where-Object service -EQ 'entra').Count
        Refused  = @($log | Where-Object { $_.status -ge 400 -or $_.status -eq 0 }).Count
        Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    }
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $mid = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

# A step that errs measures nothing: stop the bench with the step's own errors.
function Assert-StepClean {
    param([Parameter(Mandatory)] $Step)
    if ($Step.Errors.Count -gt 0) { throw "Bench step '$($Step.Name)' failed: $($Step.Errors[0])" }
}

Export-ModuleMember -Function Restore-BenchState, Measure-BenchStep, Get-Median, Assert-StepClean
