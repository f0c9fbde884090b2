# -WhatIf sweep: every exported cmdlet that supports ShouldProcess, run with -WhatIf against the seeded scenario after
# state that gives it real work, must plan that work, write nothing and leave the emulator's state as it was.
BeforeDiscovery {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    $shouldProcess = Get-Command -Module Astro.Network -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('WhatIf') }
    $cases = @($shouldProcess | ForEach-Object { @{ Cmdlet = $_.Name } })
}

BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $org = $scenario.astro.organizations | Where-Object id -EQ 'org-test'
    $etl = ($org.deployments | Where-Object name -EQ 'etl').id
    $reporting = ($org.deployments | Where-Object name -EQ 'reporting').id
    $cluster = ($org.clusters | Where-Object name -EQ 'azure-dedicated').id
    $storage = Get-SeededResource 'Microsoft.Storage/storageAccounts'
    $sql = Get-SeededResource 'Microsoft.Sql/servers'
    $vault = Get-SeededResource 'Microsoft.KeyVault/vaults'
    $openCosmos = ($scenario.azure.resources | Where-Object { $_.id -like '*/databaseAccounts/cosmos-contoso-open' }).id
    $nsg = Get-SeededResource 'Microsoft.Network/networkSecurityGroups'
    $aks = Get-SeededResource 'Microsoft.ContainerService/managedClusters'
    $vnet = ($scenario.azure.resources | Where-Object { $_.id -like '*/virtualNetworks/vnet-hub' }).id
    $plsAlias = 'astro-remote.8f0e5d2c-1b3a-4c5d-9e6f-7a8b9c0d1e2f.eastus2.azure.privatelinkservice'
    $uami = ($scenario.azure.resources | Where-Object { $_.id -like '*/userAssignedIdentities/uami-astro' }).id

    # Per cmdlet: Arrange makes real state for it to act on (not under -WhatIf), Run calls it with -WhatIf, Planned
    # picks the output items that show the work it would do. A ShouldProcess cmdlet missing here fails the sweep.
    $table = @{
        'Add-AstroAllowlist'                     = @{
            # -Force plans past the guards (storage in etl's region, an open Cosmos DB account) and still writes nothing.
            Run = { Add-AstroAllowlist -ResourceId $storage, $sql, $vault, $openCosmos, $nsg, $aks -DeploymentId $etl -Port 443 -DestinationAddressPrefix 10.1.0.0/16 -Force -WhatIf -WarningAction SilentlyContinue }
            Planned = { $_.WhatIf -and $_.Added } }
        'Remove-AstroAllowlist'                  = @{
            Arrange = {
                Add-AstroAllowlist -ResourceId $storage, $sql -IpAddress 203.0.113.60
                Add-AstroAllowlist -ResourceId $nsg -IpAddress 203.0.113.60, 2001:db8::60 -Port 8443
            }
            Run = { Remove-AstroAllowlist -ResourceId $storage, $sql, $nsg -IpAddress 203.0.113.60 -Port 8443 -WhatIf }; Planned = { $_.WhatIf -and $_.Removed } }
        'Sync-AstroAllowlist'                    = @{
            Arrange = {
                Add-AstroAllowlist -ResourceId $storage, $sql, $nsg -ClusterId $cluster -Port 443 -Force -WarningAction SilentlyContinue
                Set-EmulatorClusterIp -ClusterId $cluster -IpAddress @('198.51.100.61', '198.51.100.62')
            }
            Run = { Sync-AstroAllowlist -ResourceId $storage, $sql, $nsg -ClusterId $cluster -Port 443 -Force -WhatIf -WarningAction SilentlyContinue }; Planned = { $_.WhatIf -and $_.Added -and $_.Removed } }
        'Grant-AstroPeeringRole'                 = @{
            Run = { Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $cluster -WhatIf }; Planned = { $_.Status -eq 'WouldCreate' } }
        'Remove-AstroPeeringRole'                = @{
            Arrange = { Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $cluster }
            Run = { Remove-AstroPeeringRole -VirtualNetworkId $vnet -WhatIf }; Planned = { $_.Status -eq 'WouldRemove' } }
        'Approve-AstroPrivateEndpointConnection' = @{
            Arrange = { New-EmulatorPrivateEndpoint -ResourceId $storage -GroupId blob -ClusterId $cluster }
            Run = { Get-AstroPrivateEndpointConnection -ResourceId $storage -Status Pending | Approve-AstroPrivateEndpointConnection -ClusterId $cluster -WhatIf }; Planned = { $_.WhatIf -and $_.StatusAfter -eq 'Approved' } }
        'Deny-AstroPrivateEndpointConnection'    = @{
            Arrange = { New-EmulatorPrivateEndpoint -ResourceId $vault -GroupId vault -ClusterId $cluster }
            Run = { Get-AstroPrivateEndpointConnection -ResourceId $vault -Status Pending | Deny-AstroPrivateEndpointConnection -WhatIf }; Planned = { $_.WhatIf -and $_.StatusAfter -eq 'Rejected' } }
        'Grant-AstroWorkloadIdentity'            = @{
            Run = { Grant-AstroWorkloadIdentity -DeploymentId $etl -IdentityResourceId $uami -WhatIf }; Planned = { $_.Credentials.Status -contains 'WouldCreate' } }
        'Remove-AstroWorkloadIdentity'           = @{
            # The scenario seeds the reporting Deployment's credentials on uami-astro.
            Run = { Remove-AstroWorkloadIdentity -DeploymentId $reporting -IdentityResourceId $uami -WhatIf }; Planned = { $_.Credentials.Status -contains 'WouldRemove' } }
        'New-AstroPrivateEndpoint'               = @{
            Run = { New-AstroPrivateEndpoint -ClusterId $cluster -PrivateLinkServiceAlias $plsAlias -SubnetId "$vnet/subnets/default" -WhatIf }
            Planned = { $_.WhatIf -and $_.Changes.Status -contains 'WouldCreate' } }
        'Remove-AstroPrivateEndpoint'            = @{
            Arrange = { New-AstroPrivateEndpoint -ClusterId $cluster -PrivateLinkServiceAlias $plsAlias -SubnetId "$vnet/subnets/default" }
            Run = { Remove-AstroPrivateEndpoint -ClusterId $cluster -SubnetId "$vnet/subnets/default" -WhatIf }; Planned = { $_.Status -eq 'WouldRemove' } }
        'Invoke-AstroNetworkOnboarding'          = @{
            Run = { Invoke-AstroNetworkOnboarding -Path $onboardingFile -WhatIf -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
            Planned = { $_.Status -eq 'Skipped' } }
        'Export-AstroNetworkOnboarding'          = @{
            Arrange = { Add-AstroAllowlist -DeploymentId $etl -ResourceId $vault }
            Run = { Export-AstroNetworkOnboarding -DeploymentId $etl -ResourceId $vault -Path (Join-Path $TestDrive 'export.psd1') -WhatIf }
            Planned = { $_.WhatIf -and $_.AllowlistResourceIds -contains $vault } }
    }
    $onboardingFile = Join-Path $TestDrive 'etl.psd1'
    Set-Content $onboardingFile "@{ Version = 1; Deployment = '$etl'; Allowlist = @( @{ ResourceId = '$vault' } ); WorkloadIdentity = @{ IdentityId = '$uami' } }"

    function Get-EmulatorState { Invoke-RestMethod -Uri "$(Get-EmulatorUrl)_emulator/state" | ConvertTo-Json -Depth 100 -Compress }
}

Describe 'The -WhatIf sweep covers every ShouldProcess cmdlet' {
    It 'finds the ShouldProcess cmdlets' {
        @(Get-Command -Module Astro.Network -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('WhatIf') }).Count | Should -BeGreaterThan 0
    }

    It 'has no table entry for a cmdlet that is gone or lost ShouldProcess' {
        $exported = (Get-Command -Module Astro.Network -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('WhatIf') }).Name
        @($table.Keys | Where-Object { $_ -notin $exported }) | Should -BeNullOrEmpty
    }
}

Describe '<Cmdlet> -WhatIf' -ForEach $cases {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        $entry = $table[$Cmdlet]
        if ($entry -and $entry.Arrange) { & $entry.Arrange | Out-Null }
        $before = Get-EmulatorState
        Clear-EmulatorRequest
    }

    It 'has realistic arguments in the sweep table' {
        $entry | Should -Not -BeNullOrEmpty -Because "every ShouldProcess cmdlet needs an entry in WhatIfSweep.Tests.ps1"
    }

    It 'plans the work, writes nothing and leaves the state unchanged' {
        $plan = @(& $entry.Run)
        $plan | Should -Not -BeNullOrEmpty
        @($plan | Where-Object $entry.Planned) | Should -Not -BeNullOrEmpty -Because "-WhatIf shows the work it would do"
        Get-EmulatorRequest -WritesOnly | ForEach-Object { "$($_.method) $($_.url) -> $($_.status)" } | Should -BeNullOrEmpty
        Get-EmulatorState | Should -BeExactly $before
    }
}

# The trust parameters of Approve: each plans under -WhatIf (or refuses a stranger) without a write.
Describe 'Approve-AstroPrivateEndpointConnection -WhatIf with <Label>' -ForEach @(
    @{ Label = '-RequesterSubscriptionId'; Trust = @{ RequesterSubscriptionId = '00000000-0000-4000-8000-00000000a570' }; Plans = 1 }
    @{ Label = '-PrivateEndpointId'; Trust = @{ PrivateEndpointId = '/subscriptions/3c9d5e1f-7a2b-4c8d-9e0f-1a2b3c4d5e6f/resourceGroups/rg-unknown/providers/Microsoft.Network/privateEndpoints/pe-blob' }; Plans = 1 }
    @{ Label = '-Force'; Trust = @{ Force = $true }; Plans = 2 }
    @{ Label = 'no match parameter'; Trust = @{}; Plans = 0 }
) {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        $shared = ($scenario.azure.resources | Where-Object { $_.id -like '*/storageAccounts/stcontososhared' }).id
        $before = Get-EmulatorState
        Clear-EmulatorRequest
    }

    It 'plans only trusted connections and writes nothing' {
        $plan = @(Get-AstroPrivateEndpointConnection -ResourceId $shared -Status Pending |
            Approve-AstroPrivateEndpointConnection @Trust -WhatIf -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        @($plan | Where-Object { $_.WhatIf -and $_.StatusAfter -eq 'Approved' }).Count | Should -Be $Plans
        Get-EmulatorRequest -WritesOnly | Should -BeNullOrEmpty
        Get-EmulatorState | Should -BeExactly $before
    }
}
