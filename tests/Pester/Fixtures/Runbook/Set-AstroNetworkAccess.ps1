# A runbook as Azure Automation runs it: the sandbox's managed identity (IDENTITY_ENDPOINT/IDENTITY_HEADER), the Astro
# token from ASTRO_API_TOKEN (an encrypted Automation variable in real use), no Connect call, nobody to answer a prompt.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DeploymentName,
    [Parameter(Mandatory)] [string] $StorageAccountId,
    [Parameter(Mandatory)] [string] $SqlServerId,
    [string] $VirtualNetworkId
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$ConfirmPreference = 'High'
$VerbosePreference = 'Continue'   # "Log verbose records" switched on: the log must still hold no secret

Import-Module $ModulePath
$deployment = Get-AstroDeployment -Name $DeploymentName
Add-AstroAllowlist -ResourceId $StorageAccountId, $SqlServerId -DeploymentId $deployment.Id

if ($VirtualNetworkId -and (Get-Command Grant-AstroPeeringRole -Module Astro.Network -ErrorAction SilentlyContinue)) {
    Grant-AstroPeeringRole -VirtualNetworkId $VirtualNetworkId -ClusterId $deployment.ClusterId
}
Get-AstroAzureContext
