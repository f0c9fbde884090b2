# A walk through Astro.Network for a new user, against the emulator's demo scenario.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorUrl
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Show-Step([string] $Text, [scriptblock] $Command) {
    Write-Host ''
    Write-Host "# $Text" -ForegroundColor Cyan
    Write-Host ("PS> " + $Command.ToString().Trim()) -ForegroundColor Yellow
    & $Command | Out-Host
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
    Get-AstroDeployment -Name etl | Get-AstroExternalIp | Add-AstroAllowlist -ResourceId $storage, $sql, $vault
}
Show-Step 'Run it again: nothing to write, and it says so.' {
    Get-AstroDeployment -Name etl | Get-AstroExternalIp | Add-AstroAllowlist -ResourceId $storage, $sql, $vault
}
Show-Step 'The SQL server''s firewall now: the office rule kept, the Astro rules recognisable by name.' {
    Get-AstroAllowlist -ResourceId $sql
}
