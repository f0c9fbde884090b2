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
