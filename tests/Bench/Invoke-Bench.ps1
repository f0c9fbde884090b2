# Benchmark of the built module against a running emulator (issue 7 item 7): one table of ratios measured in one run,
# printed and written to results.md and results.json in -OutDirectory. Figures only: nothing here asserts a time; the
# script stops only when a step fails or leaves the wrong end state, since a wrong run measures nothing.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorUrl,
    [Parameter(Mandatory)] [string] $OutDirectory,
    [string] $CaBundle = $env:SSL_CERT_FILE,
    [int] $ImportRuns = 5,
    [int] $ResourceCount = 100,
    [int] $LatencyMs = 100,
    [int] $TenantSubscriptions = 100,
    [int] $TenantResources = 10000,
    [int] $ListingSubscriptions = 10,
    [switch] $TenantAuditOnly
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$env:ASTRO_TEST_EMULATOR = $EmulatorUrl
$requestDir = Join-Path $OutDirectory 'requests'
if (Test-Path $requestDir) { Remove-Item $requestDir -Recurse -Force }
New-Item -ItemType Directory -Force $requestDir | Out-Null
$rows = [System.Collections.Generic.List[object]]::new()
function Add-Row([string] $Measure, [string] $Value, [string] $Baseline, [double] $Ratio, [string] $Basis) {
    $rows.Add([pscustomobject]@{ Measure = $Measure; Value = $Value; Baseline = $Baseline; Ratio = [math]::Round($Ratio, 2); Basis = $Basis })
}
function Format-Requests($Step) {
    $refused = if ($Step.Refused) { ", $($Step.Refused) refused" } else { '' }
    "$($Step.Requests - $Step.Tokens) ($($Step.Reads)r $($Step.Writes)w $($Step.Polls)p$refused)"
}

if (-not $TenantAuditOnly) {
# 1. Start-up, before anything is loaded here (fresh processes either way).
Write-Host "Import time: $ImportRuns fresh processes each"
$startup = & (Join-Path $PSScriptRoot 'Measure-ImportTime.ps1') -ModulePath $ModulePath -Runs $ImportRuns
Add-Row 'Import-Module over bare pwsh start-up' "$($startup.ImportSeconds) s (+$([math]::Round($startup.ImportSeconds - $startup.BareSeconds, 2)) s)" "$($startup.BareSeconds) s" ($startup.ImportSeconds / $startup.BareSeconds) `
    "median of $ImportRuns fresh 'dotnet pwsh -NoProfile' processes each: 'Import-Module' versus 'exit'"

}
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot '../Pester/TestHelpers.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force
$details = [ordered]@{}
if (-not $TenantAuditOnly) {
$scenarioJson = & (Join-Path $PSScriptRoot 'New-BenchScenario.ps1') -ResourceCount $ResourceCount
$scenario = $scenarioJson | ConvertFrom-Json
$benchResources = @($scenario.azure.resources.id | Where-Object { $_ -like '*/resourceGroups/rg-bench/*' })
$vnet = ($scenario.azure.resources | Where-Object { $_.id -like '*/virtualNetworks/vnet-hub' } | Select-Object -First 1).id
$ips = '203.0.113.101', '203.0.113.102', '203.0.113.103'
$k = $ips.Count

Restore-BenchState $scenarioJson
Connect-TestAstro | Out-Null
Connect-TestAzure | Out-Null
# Warm-up (tokens, JIT) so that measured steps carry no one-time costs of the session.
Add-AstroAllowlist -ResourceId $benchResources[0..1] -IpAddress 198.51.100.250 -ThrottleLimit 2 | Out-Null
Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnet | Remove-AstroPeeringRole -Confirm:$false | Out-Null

Write-Host 'Requests per operation'
# 2. Requests per operation versus what an ideal client needs. Every minimum includes one verify read after the write:
# the module promises a verified result, and a client that skips it cannot tell a lost write from a kept one. LROs:
# the scenario's operations finish after one poll, so an ideal client polls once per long-running write.
$allowlistCases = @(
    @{ Type = 'Microsoft.Storage/storageAccounts'; Minimum = 3; Why = 'GET, PATCH networkAcls, verify GET' }
    @{ Type = 'Microsoft.KeyVault/vaults'; Minimum = 3; Why = 'GET, PATCH networkAcls, verify GET' }
    @{ Type = 'Microsoft.DocumentDB/databaseAccounts'; Minimum = 4; Why = 'GET, PATCH ipRules (LRO), 1 poll, verify GET' }
    @{ Type = 'Microsoft.Sql/servers'; Minimum = $k + 2; Why = "list firewallRules, $k PUTs (one rule per IP), verify list" }
    @{ Type = 'Microsoft.Network/networkSecurityGroups'; Minimum = 4; Why = 'GET, PUT the astro rule (LRO), 1 poll, verify GET' }
    @{ Type = 'Microsoft.ContainerService/managedClusters'; Minimum = 5; Why = 'GET, GET of its outbound public IP (egress check), PUT with If-Match (LRO), 1 poll, verify GET' }
)
foreach ($case in $allowlistCases) {
    $id = Get-SeededResource $case.Type
    $name = ($case.Type -split '/')[-1]
    Restore-BenchState $scenarioJson
    $step = Measure-BenchStep "Allowlist $k IPs on one $name" -LogFile (Join-Path $requestDir "allowlist-$name.txt") {
        Add-AstroAllowlist -ResourceId $id -IpAddress $ips -Port 443   # -Port: required for the NSG, ignored by the others
    }
    Assert-StepClean $step
    if (@($step.Output.Added).Count -ne $k) { throw "$($step.Name): expected $k IPs added, got $(@($step.Output.Added).Count)." }
    $details[$step.Name] = $step | Select-Object -ExcludeProperty Output, Errors
    Add-Row "Requests: allowlist $k IPs, $name" (Format-Requests $step) $case.Minimum (($step.Requests - $step.Tokens) / $case.Minimum) "minimum: $($case.Why)"
}

# Astronomer's service principal is absent from the scenario's tenant, so the grant creates it.
Restore-BenchState $scenarioJson
$grant = Measure-BenchStep 'Peering grant (3 scopes)' -LogFile (Join-Path $requestDir 'peering-grant.txt') { Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnet }
Assert-StepClean $grant
if ((@($grant.Output.Status) -join ',') -ne 'Created,Created,Created') { throw "Peering grant: expected three Created, got $(@($grant.Output.Status) -join ',')." }
$details[$grant.Name] = $grant | Select-Object -ExcludeProperty Output, Errors
Add-Row 'Requests: peering grant, 3 scopes' (Format-Requests $grant) 5 (($grant.Requests - $grant.Tokens) / 5) `
    "minimum: SP lookup, SP create (absent), 3 role assignment PUTs (the role GUID is built-in; a 409 would mean granted); refused = error answers: the lookup's 404 and PUTs answered PrincipalNotFound during the scenario's 1.5 s replication delay"

Write-Host "Fan-out over $($benchResources.Count) resources at $LatencyMs ms"
# 3. Fan-out: the same allowlist over many resources at the default throttle and one at a time.
$defaultLimit = [Activator]::CreateInstance((Get-Command Add-AstroAllowlist).ImplementingType).ThrottleLimit
$fanOut = foreach ($limit in $defaultLimit, 1) {
    Restore-BenchState $scenarioJson -LatencyMs $LatencyMs
    $step = Measure-BenchStep "Allowlist $k IPs on $($benchResources.Count) resources, ThrottleLimit $limit" {
        Add-AstroAllowlist -ResourceId $benchResources -IpAddress $ips -ThrottleLimit $limit
    }
    Assert-StepClean $step
    $missing = @(Test-AstroAllowlist -ResourceId $benchResources -IpAddress $ips | Where-Object { -not $_.Allowed })
    if ($missing.Count -gt 0) { throw "$($step.Name): $($missing.Count) resources lack the bench IPs." }
    $details[$step.Name] = $step | Select-Object -ExcludeProperty Output, Errors
    $step
}
Add-Row "Fan-out: $($benchResources.Count) resources at $LatencyMs ms, -ThrottleLimit $defaultLimit (default) vs 1" "$($fanOut[0].Seconds) s" "$($fanOut[1].Seconds) s" `
    ($fanOut[1].Seconds / $fanOut[0].Seconds) "speed-up (baseline over value); allowlist $k IPs, $($fanOut[0].Requests) and $($fanOut[1].Requests) requests, $LatencyMs ms injected on every request"

Write-Host 'Peering flow: module, then az'
# 4. The seed's peering flow: the module in a signed-in session versus az after az login.
Restore-BenchState $scenarioJson
$module = Measure-BenchStep 'Module: grant 3 scopes (creates the SP), revoke' -LogFile (Join-Path $requestDir 'flow-module.txt') {
    Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnet | Remove-AstroPeeringRole -Confirm:$false
}
Assert-StepClean $module
if ((@($module.Output.Status) -join ',') -ne 'Removed,Removed,Removed') { throw "Module flow: expected three Removed, got $(@($module.Output.Status) -join ',')." }
$details[$module.Name] = $module | Select-Object -ExcludeProperty Output, Errors
Restore-BenchState $scenarioJson
$azArguments = @{ ConfigDirectory = Join-Path $OutDirectory 'azure'; CaBundle = $CaBundle; VirtualNetworkId = $vnet }
$az = & (Join-Path $PSScriptRoot 'Measure-AzPeeringFlow.ps1') @azArguments -LogFile (Join-Path $requestDir 'flow-az.txt')
$flowBasis = 'SP create, Network Contributor on VNet, resource group and subscription, revoke; module: Grant-AstroPeeringRole -RoleMode NetworkContributor piped to Remove-AstroPeeringRole; az: ad sp create, 3 role assignment create, role assignment delete --ids'
if ($az) {
    $details[$az.Name] = $az | Select-Object -ExcludeProperty Output, Errors
    # The same from a new shell: module import and sign-in, az login, inside the measured time.
    Restore-BenchState $scenarioJson
    $moduleShell = Measure-BenchStep 'Module from a new shell: import, sign in, grant, revoke' -LogFile (Join-Path $requestDir 'flow-module-new-shell.txt') {
        Push-Location (Join-Path $PSScriptRoot '../..')   # `dotnet pwsh` is the repository's local tool
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-ModulePeeringFlow.ps1') -ModulePath $ModulePath -VirtualNetworkId $vnet
        Pop-Location
        if ($LASTEXITCODE -ne 0) { throw "The module's peering flow in a new shell exited with $LASTEXITCODE." }
    }
    Assert-StepClean $moduleShell
    $details[$moduleShell.Name] = $moduleShell | Select-Object -ExcludeProperty Output, Errors
    Restore-BenchState $scenarioJson
    $azShell = & (Join-Path $PSScriptRoot 'Measure-AzPeeringFlow.ps1') @azArguments -IncludeSignIn -LogFile (Join-Path $requestDir 'flow-az-new-shell.txt')
    Add-Row 'Peering flow wall time: module vs az' "$($module.Seconds) s" "$($az.Seconds) s" ($module.Seconds / $az.Seconds) "$flowBasis; both signed in beforehand"
    Add-Row 'Peering flow requests: module vs az' "$($module.Requests)" "$($az.Requests)" ($module.Requests / $az.Requests) `
        "every request the emulator saw, token requests included (module $($module.Tokens), az $($az.Tokens))"
    $details[$azShell.Name] = $azShell | Select-Object -ExcludeProperty Output, Errors
    Add-Row 'Peering flow from a new shell: module vs az' "$($moduleShell.Seconds) s, $($moduleShell.Requests) req" "$($azShell.Seconds) s, $($azShell.Requests) req" `
        ($moduleShell.Seconds / $azShell.Seconds) "wall-time ratio; the same flow with start-up and sign-in timed: a fresh 'dotnet pwsh' that imports the module and runs Connect-AstroAzure, versus az login first; requests include tokens"
}
else {
    Add-Row 'Peering flow: module vs az' "$($module.Seconds) s, $($module.Requests) requests" 'az not installed' 0 "$flowBasis; skipped: az is not on PATH"
}
}

# 5. Tenant audit (issue 15): Resource Graph versus the per-subscription listing path, same generated tenant and latency.
$tenant = & (Join-Path $PSScriptRoot 'Measure-TenantAudit.ps1') -ModulePath $ModulePath -RequestDirectory $requestDir `
    -Subscriptions $TenantSubscriptions -Resources $TenantResources -ListingSubscriptions $ListingSubscriptions -LatencyMs $LatencyMs
$g = $tenant.Graph; $l = $tenant.Listed
$subset = "listing measured on $ListingSubscriptions of $TenantSubscriptions subscriptions ($($l.results) resources) and scaled x$($tenant.Scale) (it grows linearly with subscriptions: 12 sequential lists each, then one or two reads per resource)"
Add-Row "Tenant audit requests: $TenantResources resources, $TenantSubscriptions subscriptions, Resource Graph vs listing" "$($g.requests)" "$([math]::Round($l.requests * $tenant.Scale))" `
    ($l.requests * $tenant.Scale / $g.requests) "fewer-requests factor (baseline over value); ARM requests at $LatencyMs ms, sign-in excluded; Resource Graph: $($g.graphRequests) query pages + per-resource reads; $subset"
Add-Row "Tenant audit wall time: Resource Graph vs listing" "$($g.seconds) s" "$([math]::Round($l.seconds * $tenant.Scale, 1)) s" `
    ($l.seconds * $tenant.Scale / $g.seconds) "speed-up (baseline over value); Test-AstroAllowlist -ThrottleLimit 8 in a fresh process each; $subset"
Add-Row 'Tenant audit requests over the minimum (Resource Graph path)' "$($g.requests)" "$($tenant.Minimum)" ($g.requests / $tenant.Minimum) `
    "minimum: $([math]::Ceiling($TenantResources / 1000)) pages of 1,000 + $($tenant.Unavoidable) reads of SQL/PostgreSQL/MySQL/App Service/Event Hubs/Service Bus firewalls, which Resource Graph does not carry; $($g.refused) refused (429) answers"
Add-Row "Peak working set streaming $($g.results) results" "$($g.peakWorkingSetMB) MB" "$($g.workingSetMB) MB" ($g.peakWorkingSetMB / $g.workingSetMB) `
    "peak of the audit process (Resource Graph path) versus its working set after import and sign-in; results counted as they stream, not kept"
$details['Tenant audit'] = $tenant
Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/faults" | Out-Null

$header = "Astro.Network bench: $([Environment]::ProcessorCount) cores, $([Environment]::OSVersion.VersionString), PowerShell $($PSVersionTable.PSVersion)"
Write-Host $header
$rows | Format-Table Measure, Value, Baseline, Ratio -AutoSize | Out-String -Width 240 | Out-Host
$markdown = @(
    "# $header", '', "Requests column: sent to ARM/Graph (r reads, w writes, p LRO polls), sign-in token requests excluded. Per-step request lines: requests/.", ''
    '| Measure | Value | Baseline | Ratio | Basis |', '|---|---|---|---|---|'
    $rows | ForEach-Object { '| {0} | {1} | {2} | {3:0.00} | {4} |' -f $_.Measure, $_.Value, $_.Baseline, $_.Ratio, $_.Basis.Replace('|', '\|') }
)
$markdown | Set-Content -Path (Join-Path $OutDirectory 'results.md')
[ordered]@{
    processors = [Environment]::ProcessorCount
    os         = [Environment]::OSVersion.VersionString
    pwsh       = $PSVersionTable.PSVersion.ToString()
    latencyMs  = $LatencyMs
    resources  = if ($TenantAuditOnly) { $null } else { $benchResources.Count }
    ipCount    = if ($TenantAuditOnly) { $null } else { $k }
    startup    = if ($TenantAuditOnly) { $null } else { $startup }
    table      = $rows
    steps      = $details
} | ConvertTo-Json -Depth 6 | Set-Content -Path (Join-Path $OutDirectory 'results.json')
Write-Host "Bench results: $(Join-Path $OutDirectory 'results.md'), results.json"
