# A walk through Astro.Network for a new user, against the emulator's demo scenario. -Quiet (what -Task Test runs)
# prints only the outcome and fails when a step fails or a step's outcome is not what the walk-through promises.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorUrl,
    [switch] $Quiet
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
. (Join-Path $PSScriptRoot 'TryIt.ps1')

# Runs one step; its output is kept in $script:out for the checks.
function Show-Step([string] $Text, [scriptblock] $Command) {
    if (-not $Quiet) {
        Write-Host ''
        Write-Host "# $Text" -ForegroundColor Cyan
        Write-Host ("PS> " + $Command.ToString().Trim()) -ForegroundColor Yellow
    }
    $script:out = @(& $Command)   # -WhatIf's "What if:" lines go to the host even when quiet
    if (-not $Quiet) { $script:out | Out-Host }
}

function Assert-Step([bool] $Condition, [string] $Promise) {
    if (-not $Condition) { throw "The demo promised: $Promise" }
}

Import-Module $ModulePath
$astroApi = "$($EmulatorUrl.TrimEnd('/'))/v1"
$token = ConvertTo-SecureString 'astro-demo-token' -AsPlainText -Force

Show-Step 'Sign in to Astro with an Organization API token (a SecureString, or ASTRO_API_TOKEN).' {
    Connect-Astro -ApiToken $token -OrganizationId 'org-demo' -ApiUrl $astroApi
}
Show-Step 'The deployments of the organization.' { Get-AstroDeployment }
Show-Step 'The dedicated clusters.' { Get-AstroCluster }
Show-Step 'The external IPs your Deployment uses to reach Azure: allowlist these.' {
    Get-AstroDeployment -Name etl | Get-AstroExternalIp
}
Show-Step 'Sign in to Azure (here: the emulator''s managed identity, as in an Automation runbook).' {
    $env:IDENTITY_ENDPOINT = "$($EmulatorUrl.TrimEnd('/'))/msi/token"
    $env:IDENTITY_HEADER = 'demo-identity-header'
    Connect-AstroAzure -Identity -Environment Custom -ResourceManagerUrl $EmulatorUrl -GraphUrl "$($EmulatorUrl.TrimEnd('/'))/graph/" -AuthorityHost $EmulatorUrl
}

$scope = '/subscriptions/e5b1c8d3-2f4a-4e6b-9c7d-0a1b2c3d4e5f/resourceGroups/rg-demo/providers'
$storage = "$scope/Microsoft.Storage/storageAccounts/stfabrikamdemo"
$sql = "$scope/Microsoft.Sql/servers/sql-fabrikam-demo"
$vault = "$scope/Microsoft.KeyVault/vaults/kv-fabrikam-demo"

Show-Step 'Which of your resources would block the etl Deployment today?' {
    Test-AstroAllowlist -ResourceId $storage, $sql, $vault -DeploymentId (Get-AstroDeployment -Name etl).Id
}
Show-Step 'What the allowlist step would change (-WhatIf writes nothing).' {
    Get-AstroDeployment -Name etl | Get-AstroExternalIp | Add-AstroAllowlist -ResourceId $storage, $sql, $vault -WhatIf
}
Show-Step 'Allowlist the IPs on a storage account, a SQL server and a key vault; existing rules stay.' {
    Get-AstroDeployment -Name etl | Add-AstroAllowlist -ResourceId $storage, $sql, $vault
}
Assert-Step (@($out | Where-Object Changed).Count -eq 3) 'the first allowlist run changes all three resources'
Show-Step 'Run it again: nothing to write, and it says so.' {
    Get-AstroDeployment -Name etl | Get-AstroExternalIp | Add-AstroAllowlist -ResourceId $storage, $sql, $vault
}
Assert-Step (@($out | Where-Object Changed).Count -eq 0 -and @($out.AlreadyPresent).Count -eq 6) 're-running writes nothing: every IP already present'

Show-Step 'The SQL server''s firewall now: the office rule kept, the Astro rules recognisable by name.' {
    Get-AstroAllowlist -ResourceId $sql
}

# The private path: VNet peering with a dedicated cluster.
$vnet = "$scope/Microsoft.Network/virtualNetworks/vnet-demo"
$cluster = Get-AstroCluster -Name demo-azure
Show-Step 'Gather what Astronomer support asks for: tenant, subscription, resource group and VNet IDs.' {
    Get-AstroPeeringTarget -ResourceGroupName rg-demo -VirtualNetworkName vnet-demo | Format-List TenantId, SubscriptionId, ResourceGroupId, VirtualNetworkId, AddressPrefixes
}
Show-Step 'Check before writing anything: cluster type, address overlap, your rights, Astronomer''s service principal.' {
    $cluster | Test-AstroPeeringReadiness -VirtualNetworkId $vnet
}
Show-Step 'Plan the role grants (-WhatIf writes nothing).' {
    Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $cluster.Id -WhatIf
}
Show-Step 'Add Astronomer''s service principal to the tenant and grant the least-privilege "Astro VNET Peering Contributor" role at the subscription (Astronomer''s current procedure; -RoleMode NetworkContributor grants the earlier three scopes).' {
    $script:grants = Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $cluster.Id
    $script:grants
}
Show-Step 'Run it again: everything already exists, nothing is written.' {
    Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $cluster.Id
}
Assert-Step (@($out).Count -eq @($grants).Count -and @($out | Where-Object Changed).Count -eq 0) 're-granting writes nothing'
Show-Step 'The support request: paste this text into the ticket.' {
    (New-AstroPeeringRequest -ClusterId $cluster.Id -VirtualNetworkId $vnet).TicketText
}
# The emulator plays Astronomer support here: it creates the peering from the Astro side with the granted role.
Invoke-RestMethod -Method Post -Uri "$($EmulatorUrl.TrimEnd('/'))/_emulator/astro/clusters/$($cluster.Id)/peerings" `
    -ContentType 'application/json' -Body (@{ virtualNetworkId = $vnet } | ConvertTo-Json) | Out-Null
Show-Step 'Wait until support''s peering is Connected.' {
    Wait-AstroVnetPeering -VirtualNetworkId $vnet -ClusterId $cluster.Id -Timeout 120 -PollInterval 1
}
Show-Step 'Remove the temporary role assignments; other assignments stay.' {
    $script:grants | Remove-AstroPeeringRole
}

# Private Link: Astronomer support has created a private endpoint to the storage account; approve it.
Show-Step 'The details support needs for a private endpoint to the storage account''s blob service.' {
    (New-AstroPrivateLinkRequest -ResourceId $storage -GroupId blob -ClusterId $cluster.Id).TicketText
}
Show-Step 'The pending connection Astronomer created, with its requester and request message.' {
    Get-AstroPrivateEndpointConnection -ResourceId $storage -Status Pending | Format-List Name, RequesterSubscriptionId, RequesterResourceGroup, RequestMessage
}
Show-Step 'Approve what names the cluster in its request message; a second approve writes nothing (Changed False).' {
    $script:pending = Get-AstroPrivateEndpointConnection -ResourceId $storage -Status Pending
    $script:pending | Approve-AstroPrivateEndpointConnection -ClusterId $cluster.Id -Description 'Astro cluster demo-azure'
    $script:pending | Approve-AstroPrivateEndpointConnection -ClusterId $cluster.Id -Description 'Astro cluster demo-azure'
}

# Workload identity: let the etl Deployment sign in to Azure as a user-assigned managed identity.
$uami = "$scope/Microsoft.ManagedIdentity/userAssignedIdentities/uami-fabrikam-airflow"
Show-Step 'Trust the etl Deployment''s Airflow components (federated identity credentials); the output has the client ID for the Airflow connection.' {
    Get-AstroDeployment -Name etl | Grant-AstroWorkloadIdentity -IdentityResourceId $uami | Format-List DeploymentName, IdentityName, ClientId, TenantId, Issuer, Changed
}
Show-Step 'The credentials on the identity and the Deployment each trusts.' {
    Get-AstroWorkloadIdentity -IdentityResourceId $uami
}
Assert-Step (@($out | Where-Object DeploymentName -EQ 'etl').Count -gt 0) 'the identity trusts the etl Deployment'

# What the walk-through wrote: the emulator's log of write requests the module sent (the support stand-in's call is not in it).
# Refused writes (e.g. a role assignment retried while a new principal replicates) changed nothing and are counted apart.
$log = Invoke-RestMethod -Uri "$($EmulatorUrl.TrimEnd('/'))/_emulator/requests"   # one array: enumerated below
$sent = @($log | Where-Object isWrite)
$writes = @($sent | Where-Object { $_.status -ge 200 -and $_.status -lt 300 })
Assert-Step ($writes.Count -gt 0) 'the walk-through writes into the emulator'
$summary = $writes | ForEach-Object {
    # ARM paths from the provider on (the demo has one resource group), Graph and Astro paths as they are.
    $path = ($_.url -split '\?')[0] -replace '^/subscriptions/[^/]+/resourceGroups/([^/]+)/providers/Microsoft.Authorization/', 'resource group $1: Microsoft.Authorization/' -replace '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/', '' -replace '^/subscriptions/[^/]+/providers/', 'subscription: '
    [pscustomobject]@{ Service = $_.service; Method = $_.method; Target = $path }
} | Group-Object Service, Method, Target | ForEach-Object {
    [pscustomobject]@{ Writes = $_.Count; Service = $_.Group[0].Service; Method = $_.Group[0].Method; Target = $_.Group[0].Target }
}
if ($Quiet) {
    Write-Host ("Demo: every step as promised; {0} writes to {1} targets ({2} refused and retried)." -f $writes.Count, @($summary).Count, ($sent.Count - $writes.Count))
    return
}
Write-Host ''
Write-Host "# What the demo wrote into the emulator: $($writes.Count) writes ($($sent.Count - $writes.Count) more were refused and retried, e.g. while a new principal replicates); everything else was reads." -ForegroundColor Cyan
$summary | Sort-Object Target, Method | ForEach-Object { Write-Host ('  {0,-6} {1}{2}' -f $_.Method, $_.Target, $(if ($_.Writes -gt 1) { " (x$($_.Writes))" })) }
Write-Host '# Try it yourself, from the repository root: paste the first line into one terminal and the second into another.' -ForegroundColor Cyan
Get-TryItBlock | Write-Host
Write-Host '# Then see README "Use it against real Astro and Azure", and Get-Help about_Astro.Network.' -ForegroundColor Cyan
