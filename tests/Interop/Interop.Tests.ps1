# A second, independent client: Microsoft's az CLI runs the seed's commands unchanged against the emulator, and the
# module then sees and manages what az did (and az what the module did). Run by Invoke-InteropTests.ps1.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/../Pester/TestHelpers.psm1" -Force
    Import-Module "$PSScriptRoot/AzureCli.psm1" -Force
    $scenario = Get-EmulatorScenario
    $app = Get-TestApp
    $sub = $scenario.azure.subscriptions[0].subscriptionId
    $subId = "/subscriptions/$sub"
    $rgId = "$subId/resourceGroups/rg-network"
    $vnetId = "$rgId/providers/Microsoft.Network/virtualNetworks/vnet-hub"
    $storageId = Get-SeededResource 'Microsoft.Storage/storageAccounts'
    $astroAppId = 'a67e6057-7138-4f78-bbaf-fd9db7b8aab0'
    $networkContributor = '4d97b98b-1d4f-4787-a291-c67834d212e7'
    $scopes = @($vnetId, $rgId, $subId)

    function Get-AzGrant { @(Invoke-Az role assignment list --all --assignee $astroAppId) }
    function Get-SucceededWrite { @(Get-EmulatorRequest -WritesOnly | Where-Object { $_.status -lt 400 }) }
    function Get-RoleGuid([string] $RoleDefinitionId) { ($RoleDefinitionId -split '/')[-1] }

    Reset-Emulator
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
}

Describe 'Azure CLI against the emulator, then the module on what az did' {
    It 'registers the emulator as a custom cloud and signs in with the CI service principal (client secret)' {
        Register-EmulatorCloud -EmulatorUrl (Get-EmulatorUrl)
        $subscriptions = @(Connect-EmulatorAzureCli -TenantId $app.tenantId -ClientId $app.clientId -ClientSecret $app.secret)
        $subscriptions.id | Should -Contain $sub
        Invoke-Az account set --subscription $sub | Out-Null
        $account = Invoke-Az account show
        $account.tenantId | Should -Be $app.tenantId
        $account.user.name | Should -Be $app.clientId
        $account.user.type | Should -Be 'servicePrincipal'
        $account.environmentName | Should -Be 'AstroEmulator'
    }

    It 'Connect-AstroAzure -UseAzureCli signs the module in with az''s login (az account get-access-token) and reads ARM with it' {
        $emulator = Get-EmulatorUrl
        $context = Connect-AstroAzure -UseAzureCli -Environment Custom -ResourceManagerUrl $emulator -GraphUrl "${emulator}graph/" -AuthorityHost $emulator -SubscriptionId $sub -WarningAction SilentlyContinue
        $context.AuthMethod | Should -Be 'AzureCli'
        $context.Account | Should -Be $app.clientId
        $context.SubscriptionId | Should -Be $sub
        Get-AstroPeeringTarget -VirtualNetworkId $vnetId | Should -Not -BeNullOrEmpty
        Connect-TestAzure | Out-Null
    }

    It 'az ad sp create adds Astronomer''s service principal' {
        $sp = Invoke-Az ad sp create --id $astroAppId
        $sp.appId | Should -Be $astroAppId
        $sp.id | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest | Where-Object { $_.service -eq 'graph' -and $_.method -eq 'POST' -and $_.status -eq 201 }).Count | Should -Be 1
    }

    It 'az role assignment create grants Network Contributor on the VNet, its resource group and the subscription' {
        foreach ($scope in $scopes) {
            $assignment = New-AzRoleAssignmentWithRetry -Assignee $astroAppId -Role 'Network Contributor' -Scope $scope
            $assignment.scope | Should -Be $scope
            Get-RoleGuid $assignment.roleDefinitionId | Should -Be $networkContributor
            $assignment.principalType | Should -Be 'ServicePrincipal'
        }
    }

    It 'az role assignment list --all shows the three grants' {
        $grants = Get-AzGrant
        $grants.Count | Should -Be 3
        $grants.scope | Sort-Object | Should -Be ($scopes | Sort-Object)
        $grants.roleDefinitionName | Select-Object -Unique | Should -Be 'Network Contributor'
    }

    It 'az network vnet show and vnet peering list agree with the module' {
        $vnet = Invoke-Az network vnet show --resource-group rg-network --name vnet-hub
        $vnet.id | Should -Be $vnetId
        $target = Get-AstroPeeringTarget -VirtualNetworkId $vnetId
        $vnet.addressSpace.addressPrefixes | Should -Be $target.AddressPrefixes
        $peerings = @(Invoke-Az network vnet peering list --resource-group rg-network --vnet-name vnet-hub)
        $peerings.name | Should -Contain 'hub-to-shared'
        ($peerings.name | Sort-Object) | Should -Be (@(Get-AstroVnetPeering -VirtualNetworkId $vnetId).Name | Sort-Object)
    }

    It 'Grant-AstroPeeringRole -RoleMode NetworkContributor reports AlreadyExisted for az''s grants and writes nothing' {
        Clear-EmulatorRequest
        $grants = Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId
        $grants.ScopeId | Should -Be $scopes
        $grants.Status | Should -Be @('AlreadyExisted', 'AlreadyExisted', 'AlreadyExisted')
        Get-SucceededWrite | Should -BeNullOrEmpty
    }

    It 'Remove-AstroPeeringRole keeps the az-created grants (the module did not make them) and names why' {
        Clear-EmulatorRequest
        $kept = Remove-AstroPeeringRole -VirtualNetworkId $vnetId
        $kept.Status | Should -Be @('Kept', 'Kept', 'Kept')
        $kept.KeptReasons | ForEach-Object { $_ | Should -Match 'not created by Astro.Network' }
        Get-SucceededWrite | Should -BeNullOrEmpty
        (Get-AzGrant).Count | Should -Be 3
    }

    It 'Remove-AstroPeeringRole -IncludeExisting removes the az-created grants, and az then lists none' {
        (Remove-AstroPeeringRole -VirtualNetworkId $vnetId -IncludeExisting -Confirm:$false).Status | Should -Be @('Removed', 'Removed', 'Removed')
        Get-AzGrant | Should -BeNullOrEmpty
    }

    It 'az sees the module''s grants and az role assignment delete removes one of them' {
        (Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId).Status | Should -Be @('Created', 'Created', 'Created')
        (Get-AzGrant).scope | Sort-Object | Should -Be ($scopes | Sort-Object)
        Invoke-Az role assignment delete --assignee $astroAppId --role 'Network Contributor' --scope $vnetId | Out-Null
        (Get-AzGrant).scope | Sort-Object | Should -Be (@($rgId, $subId) | Sort-Object)
        (Remove-AstroPeeringRole -VirtualNetworkId $vnetId -Confirm:$false).Status | Should -Be @('NotPresent', 'Removed', 'Removed')
    }

    It 'az storage account network-rule add is seen by Get-AstroAllowlist, and az sees the module''s entry beside it' {
        $before = @((Get-AstroAllowlist -ResourceId $storageId).Value)
        $acls = Invoke-Az storage account network-rule add --resource-group rg-data --account-name ($storageId -split '/')[-1] --ip-address 198.51.100.77
        $acls.networkRuleSet.ipRules.ipAddressOrRange | Should -Contain '198.51.100.77'
        $entry = Get-AstroAllowlist -ResourceId $storageId | Where-Object Value -EQ '198.51.100.77'
        $entry | Should -Not -BeNullOrEmpty
        $entry.IsAstroOwned | Should -BeFalse
        (Add-AstroAllowlist -ResourceId $storageId -IpAddress '203.0.113.90').Added | Should -Be @('203.0.113.90')
        $rules = (Invoke-Az storage account network-rule list --resource-group rg-data --account-name ($storageId -split '/')[-1]).ipRules.ipAddressOrRange
        foreach ($ip in $before + '198.51.100.77' + '203.0.113.90') { $rules | Should -Contain $ip }
        $rules.Count | Should -Be ($before.Count + 2)
    }
}
