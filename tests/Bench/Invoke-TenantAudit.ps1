# One tenant audit in a fresh process (so its peak working set is the audit's own): Test-AstroAllowlist over the given
# subscriptions, results streamed and counted, never kept. Prints one JSON line. Run by Measure-TenantAudit.ps1.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string[]] $SubscriptionId,
    [Parameter(Mandatory)] [ValidateSet('ResourceGraph', 'ResourceList')] [string] $DiscoveryMode,
    [Parameter(Mandatory)] [string[]] $IpAddress
)
$ErrorActionPreference = 'Stop'
# `pwsh -File` passes a comma list as one string.
$SubscriptionId = $SubscriptionId -split ','
$IpAddress = $IpAddress -split ','
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot '../Pester/TestHelpers.psm1')
Connect-TestAzure | Out-Null
$process = [Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$before = $process.WorkingSet64
$perType = @{}
$watch = [Diagnostics.Stopwatch]::StartNew()
Test-AstroAllowlist -SubscriptionId $SubscriptionId -IpAddress $IpAddress -Port 443 -DiscoveryMode $DiscoveryMode -ThrottleLimit 8 -WarningAction SilentlyContinue |
    ForEach-Object { $perType[$_.ResourceType] = 1 + $perType[$_.ResourceType] }
$watch.Stop()
$process.Refresh()
[ordered]@{
    seconds          = [math]::Round($watch.Elapsed.TotalSeconds, 2)
    results          = ($perType.Values | Measure-Object -Sum).Sum
    perType          = $perType
    workingSetMB     = [math]::Round($before / 1MB)
    peakWorkingSetMB = [math]::Round($process.PeakWorkingSet64 / 1MB)
} | ConvertTo-Json -Compress
