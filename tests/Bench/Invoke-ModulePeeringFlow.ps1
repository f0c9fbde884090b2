# The module's side of the peering flow as a user runs it from a new shell: import, sign in, grant the three scopes
# (creating Astronomer's service principal), revoke. Run in a fresh process by Invoke-Bench.ps1; fails unless all
# three grants end Removed.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $VirtualNetworkId
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot '../Pester/TestHelpers.psm1')
Connect-TestAzure | Out-Null
$status = @(Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $VirtualNetworkId | Remove-AstroPeeringRole -Confirm:$false).Status -join ','
if ($status -ne 'Removed,Removed,Removed') { throw "Expected three Removed, got '$status'." }
