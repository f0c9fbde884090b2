# Tenant audit at scale (issue 15): a generated tenant (emulator azure.generate) audited through Azure Resource Graph and
# through the per-subscription listing path it replaces, at the same injected latency, in one run. Each audit runs in a
# fresh process (Invoke-TenantAudit.ps1) so its peak working set is its own. The listing path lists 12 types per
# subscription one after the other, so at 100 ms it is measured on the first -ListingSubscriptions subscriptions and scaled
# by subscriptions (its requests and time grow linearly with them); the rows say so. Returns the bench rows' data.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RequestDirectory,
    [int] $Subscriptions = 100,
    [int] $Resources = 10000,
    [int] $ListingSubscriptions = 10,
    [int] $LatencyMs = 100
)
$ErrorActionPreference = 'Stop'
$scenario = Get-Content (Join-Path $PSScriptRoot '../Astro.Network.Emulator/Scenarios/test.json') -Raw | ConvertFrom-Json
$ciApp = $scenario.azure.tenants[0].apps[0].objectId
$scenario.azure | Add-Member -NotePropertyName generate -NotePropertyValue @{ subscriptions = $Subscriptions; resources = $Resources; principalIds = @($ciApp) }
$scenario.azure.settings.pageSize = 100   # ARM's usual list page, not the test scenario's 2
$scenarioJson = $scenario | ConvertTo-Json -Depth 50 -Compress
$subscriptionIds = 1..$Subscriptions | ForEach-Object { '5ca1e000-0000-4000-8000-{0:x12}' -f $_ }
$astroIps = '192.0.2.10', '192.0.2.11'
# Types whose firewall Resource Graph does not carry: one read each is the least any client needs.
$childTypes = 'Microsoft.Sql/servers', 'Microsoft.DBforPostgreSQL/flexibleServers', 'Microsoft.DBforMySQL/flexibleServers',
    'Microsoft.Web/sites', 'Microsoft.EventHub/namespaces', 'Microsoft.ServiceBus/namespaces'

function Invoke-Audit([string] $Mode, [string[]] $Ids) {
    Restore-BenchState $scenarioJson -LatencyMs $LatencyMs
    Push-Location (Join-Path $PSScriptRoot '../..')   # `dotnet pwsh` is the repository's local tool
    $json = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-TenantAudit.ps1') -ModulePath $ModulePath `
        -SubscriptionId ($Ids -join ',') -DiscoveryMode $Mode -IpAddress ($astroIps -join ',')
    Pop-Location
    if ($LASTEXITCODE -ne 0) { throw "The $Mode tenant audit exited with $LASTEXITCODE." }
    $audit = $json | Select-Object -Last 1 | ConvertFrom-Json
    $log = @(Get-EmulatorRequest | Where-Object service -EQ 'arm')
    $log | ForEach-Object { '{0,-6} {1} {2}' -f $_.method, $_.status, $_.url } | Set-Content (Join-Path $RequestDirectory "tenant-audit-$Mode.txt")
    $audit | Add-Member -NotePropertyName requests -NotePropertyValue $log.Count
    $audit | Add-Member -NotePropertyName graphRequests -NotePropertyValue @($log | Where-Object url -Match 'Microsoft\.ResourceGraph').Count
    $audit | Add-Member -NotePropertyName refused -NotePropertyValue @($log | Where-Object status -GE 400).Count
    $audit
}

Write-Host "Tenant audit: $Resources resources in $Subscriptions subscriptions at $LatencyMs ms, Resource Graph"
$graph = Invoke-Audit 'ResourceGraph' $subscriptionIds
if ($graph.results -ne $Resources) { throw "The Resource Graph audit answered for $($graph.results) of $Resources resources." }
Write-Host "Tenant audit: listing path on $ListingSubscriptions of $Subscriptions subscriptions at $LatencyMs ms"
$listed = Invoke-Audit 'ResourceList' $subscriptionIds[0..($ListingSubscriptions - 1)]
$scale = $Subscriptions / $ListingSubscriptions
$unavoidable = ($childTypes | ForEach-Object { $graph.perType.$_ } | Measure-Object -Sum).Sum
[pscustomobject]@{
    Graph       = $graph
    Listed      = $listed
    Scale       = $scale
    Minimum     = [math]::Ceiling($Resources / 1000) + $unavoidable
    Unavoidable = $unavoidable
}
