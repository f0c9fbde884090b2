# The bench scenario: the test scenario plus a resource group of N firewalled resources (storage accounts and key
# vaults, copied from the seeded ones so each keeps its two non-Astro rules), with ARM's usual page size instead of the
# test scenario's 2 (which exists to exercise paging and would inflate request counts). Returns the scenario JSON text.
param(
    [int] $ResourceCount = 100,
    [string] $ResourceGroup = 'rg-bench',
    [int] $PageSize = 100
)
$ErrorActionPreference = 'Stop'
$scenario = Get-Content (Join-Path $PSScriptRoot '../Astro.Network.Emulator/Scenarios/test.json') -Raw | ConvertFrom-Json
$subscription = $scenario.azure.subscriptions[0]
$subscription.resourceGroups += [pscustomobject]@{ name = $ResourceGroup; location = 'eastus2' }

$templates = @(
    @{ Pattern = '/storageAccounts/stcontosodata01$'; Name = 'stcontosodata01'; NewName = { param($i) 'stbench{0:d3}' -f $i } }
    @{ Pattern = '/vaults/kv-contoso-data$'; Name = 'kv-contoso-data'; NewName = { param($i) 'kv-bench-{0:d3}' -f $i } }
)
$added = for ($i = 1; $i -le $ResourceCount; $i++) {
    $template = $templates[$i % $templates.Count]
    $source = $scenario.azure.resources | Where-Object { $_.id -match $template.Pattern } | Select-Object -First 1
    $name = & $template.NewName $i
    # Text replacement renames the resource everywhere in its body (endpoints, connection IDs).
    $text = ($source | ConvertTo-Json -Depth 50).Replace($template.Name, $name).Replace('/resourceGroups/rg-data/', "/resourceGroups/$ResourceGroup/")
    $text | ConvertFrom-Json
}
$scenario.azure.resources = @($scenario.azure.resources) + @($added)
$scenario.azure.settings.pageSize = $PageSize
$scenario | ConvertTo-Json -Depth 50 -Compress
