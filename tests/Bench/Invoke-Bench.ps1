# Benchmark of the built module against a running emulator with injected per-request latency: wall time and request
# counts of a fan-out allowlist over many resources (first run and no-op re-run), a subscription audit, and a peering
# grant + revoke, each with -ThrottleLimit 1 and 8 where the cmdlet has it. Prints a table and writes results.json.
# Figures only: nothing here asserts a time.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorUrl,
    [Parameter(Mandatory)] [string] $OutFile,
    [int] $ResourceCount = 50,
    [int] $LatencyMs = 20
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$env:ASTRO_TEST_EMULATOR = $EmulatorUrl
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot '../Pester/TestHelpers.psm1') -Force

$scenarioJson = & (Join-Path $PSScriptRoot 'New-BenchScenario.ps1') -ResourceCount $ResourceCount
$scenario = $scenarioJson | ConvertFrom-Json
$subscription = $scenario.azure.subscriptions[0].subscriptionId
$resources = @($scenario.azure.resources.id | Where-Object { $_ -like '*/resourceGroups/rg-bench/*' })
$vnet = ($scenario.azure.resources | Where-Object { $_.id -like '*/virtualNetworks/vnet-hub' }).id
$cluster = ($scenario.astro.organizations[0].clusters | Where-Object name -EQ 'azure-dedicated').id
$ips = '203.0.113.101', '203.0.113.102', '203.0.113.103'

# Back to the bench scenario with only the latency fault: every measured step starts from the same state.
function Restore-BenchState {
    Invoke-RestMethod -Method Post -Uri "$(Get-EmulatorUrl)_emulator/scenario" -Body $scenarioJson -ContentType 'application/json' | Out-Null
    Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/faults" | Out-Null
    Add-EmulatorFault @{ latencyMs = $LatencyMs; count = 100000000 }
}

function Measure-Step([string] $Step, [object] $ThrottleLimit, [scriptblock] $Action) {
    Clear-EmulatorRequest
    # Per-resource errors (e.g. the private AKS cluster in an audit) are counted, not fatal.
    $ErrorActionPreference = 'Continue'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $all = @(& $Action 2>&1)
    $watch.Stop()
    $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    $output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
    $log = @(Get-EmulatorRequest)
    [pscustomobject]@{
        Step          = $Step
        ThrottleLimit = $ThrottleLimit
        Seconds       = [math]::Round($watch.Elapsed.TotalSeconds, 2)
        Requests      = $log.Count
        ArmRequests   = @($log | Where-Object service -EQ 'arm').Count
        Writes        = @($log | Where-Object isWrite).Count
        Outputs       = $output.Count
        Errors        = $errors.Count
    }
}

# The bench proves nothing if the work was not done: check the end state once, outside the timings.
function Assert-Allowlisted {
    $missing = @(Test-AstroAllowlist -ResourceId $resources -IpAddress $ips | Where-Object { -not $_.Allowed })
    if ($missing.Count -gt 0) { throw "After the allowlist step $($missing.Count) resources lack the bench IPs." }
}

Restore-BenchState
Connect-TestAstro | Out-Null
Connect-TestAzure | Out-Null
# Warm-up (sign-in tokens, JIT) so the first measured step does not carry one-time costs.
Add-AstroAllowlist -ResourceId $resources[0..1] -IpAddress 198.51.100.250 -ThrottleLimit 2 | Out-Null
Test-AstroAllowlist -ResourceId $resources[0] -IpAddress $ips | Out-Null
$rows = [System.Collections.Generic.List[object]]::new()
foreach ($limit in 1, 8) {
    Restore-BenchState
    $rows.Add((Measure-Step "Allowlist $($ips.Count) IPs on $($resources.Count) resources" $limit { Add-AstroAllowlist -ResourceId $resources -IpAddress $ips -ThrottleLimit $limit }))
    Assert-Allowlisted
    $rows.Add((Measure-Step 'Same allowlist again (no-op)' $limit { Add-AstroAllowlist -ResourceId $resources -IpAddress $ips -ThrottleLimit $limit }))
    $rows.Add((Measure-Step 'Audit the subscription' $limit { Test-AstroAllowlist -SubscriptionId $subscription -IpAddress $ips -ThrottleLimit $limit }))
}
Restore-BenchState
$rows.Add((Measure-Step 'Peering grant (3 scopes)' '-' { Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $cluster }))
$rows.Add((Measure-Step 'Peering revoke (3 scopes)' '-' { Remove-AstroPeeringRole -VirtualNetworkId $vnet }))
Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/faults" | Out-Null

# Fan-out speed-up: the same step at -ThrottleLimit 1 over -ThrottleLimit 8.
$speedups = foreach ($group in $rows | Where-Object ThrottleLimit -NE '-' | Group-Object Step) {
    $one = $group.Group | Where-Object ThrottleLimit -EQ 1
    $eight = $group.Group | Where-Object ThrottleLimit -EQ 8
    [pscustomobject]@{ Step = $group.Name; SpeedUp = if ($eight.Seconds -gt 0) { [math]::Round($one.Seconds / $eight.Seconds, 2) } else { $null } }
}

Write-Host "Astro.Network bench: $($resources.Count) resources, $LatencyMs ms injected latency per request"
$rows | Format-Table -AutoSize | Out-String -Width 200 | Out-Host
$speedups | Format-Table -AutoSize | Out-String -Width 200 | Out-Host
$result = [ordered]@{
    resources  = $resources.Count
    latencyMs  = $LatencyMs
    processors = [Environment]::ProcessorCount
    os         = [Environment]::OSVersion.VersionString
    pwsh       = $PSVersionTable.PSVersion.ToString()
    steps      = $rows
    speedUp    = @($speedups)
}
New-Item -ItemType Directory -Force (Split-Path $OutFile) | Out-Null
$result | ConvertTo-Json -Depth 5 | Set-Content -Path $OutFile
Write-Host "Bench results: $OutFile"
